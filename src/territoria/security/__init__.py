"""Who may do what: the caller (actor) and the one visibility rule every read path asks."""
