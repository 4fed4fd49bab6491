-- Register features of each sickness spell, as of its onset (written once, DuckDB dialect;
-- `register_features.py` transpiles it with SQLGlot for Spark).
--
-- Inputs (views the engine registers):
--   register_weeks(person_id, iso_week, code, municipality)   the weekly register, YYYYWW weeks
--   spells(spell_id, person_id, onset_date)                    the spells to describe
--   code_map(code, category, benefit, scheme, first_week_no, last_week_no)
--
-- No look-ahead: only weeks strictly before the ISO week of the onset are read. The onset's
-- own week is left out too, since its code may already be the new spell.
--
-- Week numbers count weeks since the Monday 1970-01-05 (week 0), so that subtraction works
-- across year ends and ISO week 53. For YYYYWW: Jan 4 always lies in ISO week 1; its day
-- number (days since 1970-01-01) comes from the Gregorian leap-year count (477 leap days
-- before 1970), its Monday is that day minus its weekday (Monday = 0; 1970-01-01 was a
-- Thursday), and the week is counted on from there.
WITH split AS (
    SELECT person_id, code, iso_week // 100 AS y, iso_week % 100 AS w
    FROM register_weeks
),
jan4 AS (
    SELECT person_id, code, w,
           365 * (y - 1970) + ((y - 1) // 4 - (y - 1) // 100 + (y - 1) // 400 - 477) + 3 AS d4
    FROM split
),
weeks AS (
    SELECT person_id, code, (d4 - (d4 + 3) % 7 - 4) // 7 + w - 1 AS week_no
    FROM jan4
),
-- Weeks on a scheme (every category but self-support and none), read with the code map
-- version in force in that week.
scheme_weeks AS (
    SELECT weeks.person_id, weeks.week_no, m.category, m.benefit,
           m.category = 'sygedagpenge' AS sick
    FROM weeks
    JOIN code_map AS m
      ON weeks.code = m.code AND weeks.week_no BETWEEN m.first_week_no AND m.last_week_no
    WHERE m.scheme
),
-- A run of sickness benefit starts in a sick week whose previous week was not sick.
sick_starts AS (
    SELECT person_id, week_no,
           CASE WHEN LAG(week_no) OVER (PARTITION BY person_id ORDER BY week_no) = week_no - 1
                THEN 0 ELSE 1 END AS run_start
    FROM scheme_weeks
    WHERE sick
),
onsets AS (
    SELECT spell_id, person_id, onset_date,
           DATE_DIFF('day', DATE '1970-01-05', onset_date) // 7 AS onset_week_no
    FROM spells
),
history AS (
    SELECT o.spell_id,
           SUM(CASE WHEN h.sick AND h.week_no >= o.onset_week_no - 156 THEN 1 ELSE 0 END)
               AS prior_sick_weeks_3y,
           SUM(CASE WHEN h.benefit AND h.week_no >= o.onset_week_no - 156 THEN 1 ELSE 0 END)
               AS benefit_weeks_3y,
           MAX(h.week_no) AS last_week_no,
           ARG_MAX(h.category, h.week_no) AS last_scheme
    FROM onsets AS o
    JOIN scheme_weeks AS h
      ON h.person_id = o.person_id AND h.week_no < o.onset_week_no
    GROUP BY o.spell_id
),
runs AS (
    SELECT o.spell_id, SUM(r.run_start) AS prior_spells_3y
    FROM onsets AS o
    JOIN sick_starts AS r
      ON r.person_id = o.person_id
     AND r.week_no < o.onset_week_no
     AND r.week_no >= o.onset_week_no - 156
    GROUP BY o.spell_id
)
SELECT o.spell_id,
       o.person_id,
       o.onset_date,
       CAST(COALESCE(r.prior_spells_3y, 0) AS BIGINT) AS prior_spells_3y,
       CAST(COALESCE(h.prior_sick_weeks_3y, 0) AS BIGINT) AS prior_sick_weeks_3y,
       CAST(COALESCE(h.benefit_weeks_3y, 0) AS BIGINT) AS benefit_weeks_3y,
       COALESCE(h.last_scheme, 'none') AS last_scheme,
       CAST(o.onset_week_no - h.last_week_no AS BIGINT) AS weeks_since_last_scheme
FROM onsets AS o
LEFT JOIN history AS h ON h.spell_id = o.spell_id
LEFT JOIN runs AS r ON r.spell_id = o.spell_id
ORDER BY o.spell_id
