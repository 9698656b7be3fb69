// Opendatasoft's own JS client (@opendatasoft/api-client) against a Territoria server.
// Usage: node ods_client_check.mjs BASE_URL ADMIN_TOKEN — prints one JSON object of answers,
// which tests/api/explore_v21/test_ods_js_client.py checks against DuckDB reads of the data.
// The client is used exactly as a reuser would: domain = the server's URL, its query builder
// (paths with a final slash, sorted parameters), its errors, its ApiKey header.
import ods from '@opendatasoft/api-client';

const { ApiClient, fromCatalog, NotFoundError, UserError } = ods;
const [base, token] = process.argv.slice(2);
const anonymous = new ApiClient({ domain: base, hideDeprecatedWarning: true });
const admin = new ApiClient({ domain: base, apiKey: token, hideDeprecatedWarning: true });

async function failure(promise) {
    try {
        await promise;
        return { thrown: null };
    } catch (error) {
        let kind = 'other';
        if (error instanceof NotFoundError) kind = 'NotFoundError';
        else if (error instanceof UserError) kind = 'UserError';
        return { thrown: kind, status: error.response?.status, details: error.details };
    }
}

const trilib = fromCatalog().dataset('trilib-paris');
const fontaines = fromCatalog().dataset('fontaines-paris');
const out = {};
out.catalog = await anonymous.get(fromCatalog().datasets().limit(100));
out.catalogSelect = await anonymous.get(
    fromCatalog().datasets().select('dataset_id, records_count').orderBy('dataset_id')
);
out.dataset = await anonymous.get(trilib.itself());
out.records = await anonymous.get(
    trilib.records().select('name, fillingrate').where('fillingrate > 50')
        .orderBy('fillingrate desc, name').limit(5)
);
out.refined = await anonymous.get(
    trilib.records().refine('wastetype_designation:Can / Plastic').limit(0)
);
out.grouped = await anonymous.get(
    fontaines.records().select('commune, count(*) as n').groupBy('commune')
        .orderBy('n desc, commune').limit(3)
);
out.facets = await anonymous.get(trilib.facets().facet('wastetype_designation'));
out.record = await anonymous.get(trilib.record('1'));
const exportPath = trilib.export('csv').where('fillingrate > 50').toString();
const exported = await fetch(new URL(exportPath, `${base}/api/explore/v2.1/`));
out.export = { path: exportPath, status: exported.status, text: await exported.text() };
out.tooMany = await failure(anonymous.get(trilib.records().limit(101)));
out.badQuery = await failure(anonymous.get(trilib.records().where('fillingrate >> 3')));
out.privateAnonymous = await failure(anonymous.get(fromCatalog().dataset('prenoms-prive').records()));
out.privateAdmin = await admin.get(fromCatalog().dataset('prenoms-prive').records().limit(1));
console.log(JSON.stringify(out));
