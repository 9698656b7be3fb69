-- demo.lignes (count) on spark: source-level rows of view "collecte",
-- aggregated up the COG (sums per ancestor, value recomputed from the sums).
-- Regenerate: TERRITORIA_UPDATE_SNAPSHOTS=1 pytest tests/indicators
WITH `territoria_indicator_rows` AS (
  SELECT
    `b`.`territoire`,
    `b`.`periode`,
    `b`.`type`,
    `b`.`numerateur`,
    `b`.`denominateur`,
    1 AS `contributeurs`
  FROM (
    SELECT
      `s`.`territoire` AS `territoire`,
      CAST(`s`.`periode` AS STRING) AS `periode`,
      CAST(`s`.`type` AS STRING) AS `type`,
      COALESCE(SUM(CASE WHEN `s`.`tonnes` > 0 THEN 1 END), 0) AS `numerateur`,
      CAST(NULL AS DOUBLE) AS `denominateur`
    FROM `collecte` AS `s`
    INNER JOIN `territoria_indicators_parents_commune` AS `p`
      ON `s`.`territoire` = `p`.`territory`
    WHERE
      CAST(`s`.`periode` AS STRING) RLIKE '^[0-9]{4}$'
    GROUP BY
      `s`.`territoire`,
      CAST(`s`.`periode` AS STRING),
      CAST(`s`.`type` AS STRING)
  ) AS `b`
), `territoria_indicator_ancestors` AS (
  SELECT
    `p`.`epci`,
    `p`.`departement`,
    `p`.`region`,
    `p`.`pays`,
    `r`.`periode`,
    `r`.`type`,
    SUM(`r`.`numerateur`) AS `numerateur`,
    SUM(`r`.`denominateur`) AS `denominateur`,
    SUM(`r`.`contributeurs`) AS `contributeurs`
  FROM `territoria_indicator_rows` AS `r`
  INNER JOIN `territoria_indicators_parents_commune` AS `p`
    ON `r`.`territoire` = `p`.`territory`
  GROUP BY
    `p`.`epci`,
    `p`.`departement`,
    `p`.`region`,
    `p`.`pays`,
    `r`.`periode`,
    `r`.`type`
)
SELECT
  'demo.lignes' AS `indicateur`,
  `a`.`territoire`,
  `a`.`niveau`,
  `a`.`periode`,
  `a`.`type` AS `type`,
  CAST(`a`.`numerateur` * 1.0 AS DOUBLE) AS `valeur`,
  CAST(`a`.`numerateur` AS DOUBLE) AS `numerateur`,
  CAST(CAST(NULL AS DOUBLE) AS DOUBLE) AS `denominateur`,
  CAST(`a`.`contributeurs` AS BIGINT) AS `contributeurs`,
  CAST(`e`.`attendus` AS BIGINT) AS `attendus`
FROM (
  SELECT
    `territoire`,
    `periode`,
    `type`,
    `numerateur`,
    `denominateur`,
    `contributeurs`,
    'commune' AS `niveau`
  FROM `territoria_indicator_rows`
  UNION ALL
  SELECT
    `m`.`epci` AS `territoire`,
    `m`.`periode`,
    `m`.`type`,
    SUM(`m`.`numerateur`) AS `numerateur`,
    SUM(`m`.`denominateur`) AS `denominateur`,
    SUM(`m`.`contributeurs`) AS `contributeurs`,
    'epci' AS `niveau`
  FROM `territoria_indicator_ancestors` AS `m`
  WHERE
    NOT `m`.`epci` IS NULL
  GROUP BY
    `m`.`epci`,
    `m`.`periode`,
    `m`.`type`
  UNION ALL
  SELECT
    `m`.`departement` AS `territoire`,
    `m`.`periode`,
    `m`.`type`,
    SUM(`m`.`numerateur`) AS `numerateur`,
    SUM(`m`.`denominateur`) AS `denominateur`,
    SUM(`m`.`contributeurs`) AS `contributeurs`,
    'departement' AS `niveau`
  FROM `territoria_indicator_ancestors` AS `m`
  WHERE
    NOT `m`.`departement` IS NULL
  GROUP BY
    `m`.`departement`,
    `m`.`periode`,
    `m`.`type`
  UNION ALL
  SELECT
    `m`.`region` AS `territoire`,
    `m`.`periode`,
    `m`.`type`,
    SUM(`m`.`numerateur`) AS `numerateur`,
    SUM(`m`.`denominateur`) AS `denominateur`,
    SUM(`m`.`contributeurs`) AS `contributeurs`,
    'region' AS `niveau`
  FROM `territoria_indicator_ancestors` AS `m`
  WHERE
    NOT `m`.`region` IS NULL
  GROUP BY
    `m`.`region`,
    `m`.`periode`,
    `m`.`type`
  UNION ALL
  SELECT
    `m`.`pays` AS `territoire`,
    `m`.`periode`,
    `m`.`type`,
    SUM(`m`.`numerateur`) AS `numerateur`,
    SUM(`m`.`denominateur`) AS `denominateur`,
    SUM(`m`.`contributeurs`) AS `contributeurs`,
    'pays' AS `niveau`
  FROM `territoria_indicator_ancestors` AS `m`
  WHERE
    NOT `m`.`pays` IS NULL
  GROUP BY
    `m`.`pays`,
    `m`.`periode`,
    `m`.`type`
) AS `a`
INNER JOIN `territoria_indicators_expected_commune` AS `e`
  ON `a`.`territoire` = `e`.`territoire`
