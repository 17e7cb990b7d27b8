-- Issue 15, items 4–5. Phases get a start (program_versions.phases[n].startWeek — week N of the
-- program — or .startDate, a clinic-local day; the first phase starts with the program), a
-- clinician may move a patient to the next phase early (program_phase_moves), and an item's note
-- is split: `note` stays what the patient reads, `clinician_note` is never shown to the patient.
ALTER TABLE program_items ADD COLUMN clinician_note text;
--> statement-breakpoint
ALTER TABLE program_items ADD CONSTRAINT program_items_clinician_note_check
  CHECK (clinician_note IS NULL OR char_length(clinician_note) <= 500);
--> statement-breakpoint
-- A phase list's starts: at most one of startWeek (1–104) and startDate (YYYY-MM-DD) per phase,
-- none on the first. Order between phases is checked where dates are known (the save).
CREATE FUNCTION program_phase_starts_valid(phases jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_typeof(phases) = 'array' AND NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements(phases) WITH ORDINALITY AS p(phase, n)
     WHERE jsonb_typeof(p.phase) <> 'object'
        OR coalesce(jsonb_typeof(p.phase -> 'startWeek'), 'null') NOT IN ('null', 'number')
        OR coalesce(jsonb_typeof(p.phase -> 'startDate'), 'null') NOT IN ('null', 'string')
        OR CASE WHEN jsonb_typeof(p.phase -> 'startWeek') = 'number'
                THEN (p.phase ->> 'startWeek')::numeric NOT BETWEEN 1 AND 104 OR (p.phase ->> 'startWeek')::numeric % 1 <> 0
                ELSE false END
        OR CASE WHEN jsonb_typeof(p.phase -> 'startDate') = 'string'
                THEN (p.phase ->> 'startDate') !~ '^\d{4}-\d{2}-\d{2}$'
                ELSE false END
        OR (p.phase ->> 'startWeek' IS NOT NULL AND p.phase ->> 'startDate' IS NOT NULL)
        OR (p.n = 1 AND (p.phase ->> 'startWeek' IS NOT NULL OR p.phase ->> 'startDate' IS NOT NULL)))
$$;
--> statement-breakpoint
-- The backfills below run as the tables' owner, who is otherwise held to the clinic policies too.
ALTER TABLE program_versions NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE program_templates NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE program_items NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Backfill starts: versions and clinic templates copied from a shipped protocol carry
-- "Weeks 3–4: …" in every phase's notes (phase 1 "Week(s) 1"); those weeks become the starts.
CREATE TEMP TABLE phase_weeks ON COMMIT DROP AS
  SELECT 'v' AS kind, v.clinic_id, v.program_id AS id, v.version, p.n,
         substring(p.phase ->> 'notes' from '^Weeks? (\d{1,2})\M')::int AS week
    FROM program_versions v, jsonb_array_elements(v.phases) WITH ORDINALITY AS p(phase, n)
  UNION ALL
  SELECT 't', t.clinic_id, t.id, 0, p.n, substring(p.phase ->> 'notes' from '^Weeks? (\d{1,2})\M')::int
    FROM program_templates t, jsonb_array_elements(t.phases) WITH ORDINALITY AS p(phase, n);
--> statement-breakpoint
CREATE TEMP TABLE phased ON COMMIT DROP AS
  SELECT kind, clinic_id, id, version FROM phase_weeks w
   GROUP BY kind, clinic_id, id, version
  HAVING count(*) > 1 AND bool_and(week IS NOT NULL) AND bool_and(week <= 104)
     AND min(week) FILTER (WHERE n = 1) = 1
     AND bool_and(NOT EXISTS (SELECT 1 FROM phase_weeks x
                               WHERE x.kind = w.kind AND x.clinic_id = w.clinic_id AND x.id = w.id
                                 AND x.version = w.version AND x.n = w.n + 1 AND x.week <= w.week));
--> statement-breakpoint
UPDATE program_versions v
   SET phases = (SELECT jsonb_agg(CASE WHEN w.n = 1 THEN p.phase ELSE p.phase || jsonb_build_object('startWeek', w.week) END
                                  ORDER BY p.n)
                   FROM jsonb_array_elements(v.phases) WITH ORDINALITY AS p(phase, n)
                   JOIN phase_weeks w ON w.kind = 'v' AND w.clinic_id = v.clinic_id AND w.id = v.program_id
                                     AND w.version = v.version AND w.n = p.n)
 WHERE EXISTS (SELECT 1 FROM phased d WHERE d.kind = 'v' AND d.clinic_id = v.clinic_id AND d.id = v.program_id
                                        AND d.version = v.version);
--> statement-breakpoint
UPDATE program_templates t
   SET phases = (SELECT jsonb_agg(CASE WHEN w.n = 1 THEN p.phase ELSE p.phase || jsonb_build_object('startWeek', w.week) END
                                  ORDER BY p.n)
                   FROM jsonb_array_elements(t.phases) WITH ORDINALITY AS p(phase, n)
                   JOIN phase_weeks w ON w.kind = 't' AND w.clinic_id = t.clinic_id AND w.id = t.id AND w.n = p.n)
 WHERE EXISTS (SELECT 1 FROM phased d WHERE d.kind = 't' AND d.clinic_id = t.clinic_id AND d.id = t.id);
--> statement-breakpoint
ALTER TABLE program_versions ADD CONSTRAINT program_versions_phase_starts_check
  CHECK (program_phase_starts_valid(phases));
--> statement-breakpoint
ALTER TABLE program_templates ADD CONSTRAINT program_templates_phase_starts_check
  CHECK (program_phase_starts_valid(phases));
--> statement-breakpoint
-- Backfill notes: the shipped templates' lines written for clinicians (identified by their exact
-- text) move to clinician_note; a patient-facing rewording takes their place where there is one.
-- Every other existing note stays the patient's instruction.
CREATE TEMP TABLE clinician_lines (old text PRIMARY KEY, instruction text, clinician text) ON COMMIT DROP;
--> statement-breakpoint
INSERT INTO clinician_lines VALUES
  ('For patients who sit most of the day; remove otherwise.', NULL,
   'For patients who sit most of the day; remove otherwise.'),
  ('Progressed from half-kneeling.', NULL, 'Progressed from half-kneeling.'),
  ('Rehearse at the lockout of each of the patient''s own lifts.',
   'Rehearse it at the top (lockout) of each of your own lifts.', NULL),
  ('Only once short-lever holds of 30 s are pain-free.',
   'Go back to the short-lever plank if your groin hurts more than 3/10.',
   'Only once short-lever holds of 30 s are pain-free.'),
  ('For cyclists; review the fit before building ride length.',
   'Check your saddle height and riding posture before you build up ride length.',
   'For cyclists; remove otherwise. Review the bike fit before building ride length.'),
  ('Only if extension eases the symptoms; swap for knee to chest if flexion feels better.',
   'Stop and tell us if pain spreads further down your leg.',
   'Only if extension eases the symptoms; swap for knee to chest if flexion feels better.'),
  ('Move to the full dead bug when easy.', NULL, 'Progress to the full dead bug when easy.');
--> statement-breakpoint
UPDATE program_items i SET note = l.instruction, clinician_note = l.clinician
  FROM clinician_lines l WHERE i.note = l.old;
--> statement-breakpoint
UPDATE program_templates t
   SET phases = (SELECT jsonb_agg(p.phase || jsonb_build_object('items', (
                   SELECT coalesce(jsonb_agg(CASE WHEN l.old IS NULL THEN i.item
                                                  ELSE i.item || jsonb_build_object('note', l.instruction, 'clinicianNote', l.clinician)
                                             END ORDER BY i.n), '[]'::jsonb)
                     FROM jsonb_array_elements(p.phase -> 'items') WITH ORDINALITY AS i(item, n)
                     LEFT JOIN clinician_lines l ON l.old = i.item ->> 'note')) ORDER BY p.n)
                   FROM jsonb_array_elements(t.phases) WITH ORDINALITY AS p(phase, n))
 WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(t.phases) p(phase), jsonb_array_elements(p.phase -> 'items') i(item)
                WHERE i.item ->> 'note' IN (SELECT old FROM clinician_lines));
--> statement-breakpoint
ALTER TABLE program_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE program_templates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE program_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- "Move to the next phase now": the phase a clinician started early, from which day (clinic-local),
-- while which version was assigned. One row per phase of a program; it applies to later versions
-- with that phase too. Its scheduled start still applies if that comes first.
CREATE TABLE program_phase_moves (
  clinic_id uuid NOT NULL,
  program_id uuid NOT NULL,
  phase_index smallint NOT NULL,
  starts_on date NOT NULL,
  version integer NOT NULL,
  moved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  moved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, program_id, phase_index),
  CONSTRAINT program_phase_moves_version_fk FOREIGN KEY (clinic_id, program_id, version)
    REFERENCES program_versions (clinic_id, program_id, version) ON DELETE CASCADE,
  CONSTRAINT program_phase_moves_phase_check CHECK (phase_index BETWEEN 1 AND 11)
);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON program_phase_moves TO junction_app;
--> statement-breakpoint
ALTER TABLE program_phase_moves ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE program_phase_moves FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON program_phase_moves
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
