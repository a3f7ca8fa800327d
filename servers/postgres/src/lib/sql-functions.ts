// Statement and function-name lists for the SQL classifier (layer 2 of the read-only model, issue 4).
// Names are compared against the last element of a FuncCall's funcname, as PostgreSQL stores it
// (unquoted identifiers are folded to lower case by the parser).

/** Refused by exact name (case-insensitive, any schema). */
export const DENIED_FUNCTIONS: ReadonlySet<string> = new Set([
  // file and directory access
  'pg_read_file',
  'pg_read_binary_file',
  'pg_stat_file',
  'loread',
  'lowrite',
  // session, lock and transaction changers
  'set_config',
  'setseed',
  'pg_notify',
  'pg_current_xact_id',
  'txid_current',
  'pg_export_snapshot',
  // backend and server control
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_reload_conf',
  'pg_rotate_logfile',
  'pg_promote',
  'pg_switch_wal',
  'pg_switch_xlog',
  'pg_create_restore_point',
  'pg_drop_replication_slot',
  'pg_replication_slot_advance',
  'pg_sync_replication_slots',
  'pg_logical_emit_message',
  'pg_log_backend_memory_contexts',
  'pg_import_system_collations',
  'pg_start_backup',
  'pg_stop_backup',
  // sequence movers
  'nextval',
  'setval',
  // run a query given as a string, out of sight of this classifier
  'query_to_xml',
  'query_to_xmlschema',
  'query_to_xml_and_xmlschema',
  'cursor_to_xml',
  'cursor_to_xmlschema',
  'ts_stat',
]);

/** Refused by prefix (case-insensitive, any schema). */
export const DENIED_PREFIXES: readonly string[] = [
  'pg_ls_', // pg_ls_dir, pg_ls_logdir, pg_ls_waldir, pg_ls_tmpdir, pg_ls_archive_statusdir, ...
  'pg_file_', // adminpack: pg_file_write, pg_file_rename, pg_file_unlink, pg_file_sync
  'lo_', // lo_import, lo_export, lo_get, lo_put, lo_create, lo_unlink, lo_open, ...
  'pg_advisory_', // pg_advisory_lock, _shared, _xact_lock, _unlock, _unlock_all
  'pg_try_advisory_',
  'pg_create_', // pg_create_physical/logical_replication_slot, pg_create_restore_point
  'pg_copy_', // pg_copy_physical/logical_replication_slot
  'pg_logical_slot_', // get/peek changes (get advances the slot)
  'pg_replication_origin_',
  'pg_wal_replay_',
  'pg_backup_',
  'pg_stat_reset',
  'pg_set_', // pg_set_relation_stats, pg_set_attribute_stats
  'pg_clear_', // pg_clear_relation_stats, ...
  'pg_restore_', // pg_restore_relation_stats, ...
  'dblink',
  // table_to_xml('other.table', ...) and friends run SELECT * on a table named in a string
  'table_to_xml',
  'schema_to_xml',
  'database_to_xml',
];

/** Relations refused by name (any schema): server files and secrets readable by privileged roles. */
export const DENIED_RELATIONS: ReadonlySet<string> = new Set([
  'pg_file_settings',
  'pg_hba_file_rules',
  'pg_ident_file_mappings',
  'pg_config',
  'pg_authid',
  'pg_shadow',
  'pg_user_mapping',
  'pg_user_mappings',
  'pg_statistic',
]);

export function deniedReason(name: string): string | undefined {
  const n = name.toLowerCase();
  if (DENIED_FUNCTIONS.has(n)) return `function ${n} is not allowed`;
  const prefix = DENIED_PREFIXES.find((p) => n.startsWith(p));
  if (prefix) return `function ${n} is not allowed (the ${prefix}* family is denied)`;
  return undefined;
}

/**
 * Built-ins known to be safe to call from a read-only query. Matched only when the call is unqualified
 * or qualified with pg_catalog, and only on the exact stored name (a quoted "Count" is not count).
 * A few are VOLATILE but harmless (random, clock_timestamp, pg_sleep under the statement timeout),
 * which is why they are listed here rather than left to the pg_proc volatility check.
 */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(
  `
  count sum avg min max array_agg string_agg bool_and bool_or every bit_and bit_or bit_xor any_value
  json_agg jsonb_agg json_object_agg jsonb_object_agg json_agg_strict jsonb_agg_strict
  json_object_agg_strict jsonb_object_agg_strict json_object_agg_unique jsonb_object_agg_unique
  stddev stddev_pop stddev_samp variance var_pop var_samp corr covar_pop covar_samp
  regr_avgx regr_avgy regr_count regr_intercept regr_r2 regr_slope regr_sxx regr_sxy regr_syy
  mode percentile_cont percentile_disc range_agg range_intersect_agg xmlagg
  row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value
  abs cbrt ceil ceiling degrees div exp factorial floor gcd lcm ln log log10 mod pi power pow radians
  round scale sign sqrt trunc width_bucket min_scale trim_scale random random_normal
  sin cos tan asin acos atan atan2 sind cosd tand asind acosd atand atan2d cot cotd
  sinh cosh tanh asinh acosh atanh erf erfc
  length char_length character_length octet_length bit_length lower upper initcap concat concat_ws
  substr substring left right lpad rpad ltrim rtrim btrim trim position strpos replace repeat reverse
  split_part string_to_array string_to_table array_to_string starts_with translate ascii chr
  regexp_match regexp_matches regexp_replace regexp_split_to_array regexp_split_to_table regexp_like
  regexp_count regexp_instr regexp_substr format quote_ident quote_literal quote_nullable
  md5 sha224 sha256 sha384 sha512 encode decode convert_from convert_to unistr normalize overlay
  to_char to_number to_date to_timestamp to_hex to_bin to_oct
  now date_trunc date_part extract age make_date make_time make_timestamp make_timestamptz
  make_interval justify_days justify_hours justify_interval clock_timestamp statement_timestamp
  transaction_timestamp timeofday isfinite date_bin date_add date_subtract timezone
  to_json to_jsonb row_to_json array_to_json json_build_object jsonb_build_object json_build_array
  jsonb_build_array json_object jsonb_object json_array_length jsonb_array_length json_each jsonb_each
  json_each_text jsonb_each_text json_extract_path json_extract_path_text jsonb_extract_path
  jsonb_extract_path_text json_object_keys jsonb_object_keys json_populate_record jsonb_populate_record
  json_populate_recordset jsonb_populate_recordset json_to_record jsonb_to_record json_to_recordset
  jsonb_to_recordset json_array_elements jsonb_array_elements json_array_elements_text
  jsonb_array_elements_text json_typeof jsonb_typeof json_strip_nulls jsonb_strip_nulls jsonb_set
  jsonb_set_lax jsonb_insert jsonb_pretty jsonb_path_query jsonb_path_query_array
  jsonb_path_query_first jsonb_path_exists jsonb_path_match
  array_length array_lower array_upper array_ndims array_dims cardinality array_append array_prepend
  array_cat array_position array_positions array_remove array_replace array_fill trim_array
  array_reverse array_sort unnest generate_series generate_subscripts
  num_nulls num_nonnulls pg_typeof format_type version current_setting current_database
  current_schema current_schemas pg_backend_pid pg_size_pretty pg_relation_size pg_total_relation_size
  pg_table_size pg_indexes_size pg_database_size pg_column_size obj_description col_description
  pg_get_viewdef pg_get_indexdef pg_get_constraintdef pg_get_expr pg_get_functiondef
  has_table_privilege has_column_privilege has_schema_privilege has_database_privilege
  has_function_privilege pg_has_role gen_random_uuid uuidv4 uuidv7
  to_tsvector to_tsquery plainto_tsquery phraseto_tsquery websearch_to_tsquery ts_rank ts_rank_cd
  ts_headline setweight pg_sleep
  `
    .trim()
    .split(/\s+/),
);

// Statement types refused at the top level, with the reason and fix shown to the caller.
export const ALLOWED_KINDS = 'SELECT, VALUES, TABLE, WITH (read-only), SHOW or EXPLAIN';
export const FIX_ONE = `Send exactly one ${ALLOWED_KINDS} statement.`;
export const FIX_READ = `This server is read-only: send a single ${ALLOWED_KINDS} statement.`;

export const REFUSED_STATEMENTS: Record<string, [string, string]> = {
  TransactionStmt: [
    'transaction control (BEGIN, COMMIT, ROLLBACK, END, SAVEPOINT) is not allowed',
    'Drop it: every call already runs in its own read-only transaction that is rolled back.',
  ],
  VariableSetStmt: [
    'SET and RESET (including SET TRANSACTION) are not allowed',
    'Read a setting with SHOW or current_setting(); settings cannot be changed.',
  ],
  CopyStmt: ['COPY is not allowed', 'Use SELECT to read the rows.'],
  DoStmt: ['DO blocks are not allowed', FIX_READ],
  CallStmt: ['CALL is not allowed', FIX_READ],
  LockStmt: ['LOCK is not allowed', FIX_READ],
  ListenStmt: ['LISTEN is not allowed', FIX_READ],
  UnlistenStmt: ['UNLISTEN is not allowed', FIX_READ],
  NotifyStmt: ['NOTIFY is not allowed', FIX_READ],
  PrepareStmt: ['PREPARE is not allowed', 'Send the statement itself, with params bound as $1, $2, ...'],
  ExecuteStmt: ['EXECUTE is not allowed', 'Send the statement itself, with params bound as $1, $2, ...'],
  DeallocateStmt: ['DEALLOCATE is not allowed', FIX_READ],
  DeclareCursorStmt: ['DECLARE (cursors) is not allowed', 'Send the SELECT itself; results are capped.'],
  FetchStmt: ['FETCH and MOVE are not allowed', FIX_READ],
  ClosePortalStmt: ['CLOSE is not allowed', FIX_READ],
  DiscardStmt: ['DISCARD is not allowed', FIX_READ],
  InsertStmt: ['INSERT is not allowed (data modification)', FIX_READ],
  UpdateStmt: ['UPDATE is not allowed (data modification)', FIX_READ],
  DeleteStmt: ['DELETE is not allowed (data modification)', FIX_READ],
  MergeStmt: ['MERGE is not allowed (data modification)', FIX_READ],
  CreateTableAsStmt: ['CREATE TABLE AS / SELECT INTO is not allowed', 'Drop the INTO clause.'],
};
