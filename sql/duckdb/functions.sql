-- Spark SQL's names for the few functions the views and examples use that DuckDB spells
-- differently, as DuckDB macros: one text of every view then runs in both engines.
CREATE OR REPLACE MACRO array_join(list, separator) AS array_to_string(list, separator);
CREATE OR REPLACE MACRO size(list) AS len(list);
CREATE OR REPLACE MACRO explode(list) AS unnest(list);
CREATE OR REPLACE MACRO collect_set(value) AS list_distinct(list(value));
CREATE OR REPLACE MACRO collect_list(value) AS list(value);
