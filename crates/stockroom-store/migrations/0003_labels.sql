-- Label templates (SVG in Jinja syntax) and the outputs of print jobs. Built-in templates
-- carry a `builtin_key` so every server can add a missing one without creating duplicates.
CREATE TABLE label_templates (
    id {{id}},
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    model_type TEXT NOT NULL,
    template TEXT NOT NULL,
    filename TEXT NOT NULL,
    width DOUBLE PRECISION NOT NULL,
    height DOUBLE PRECISION NOT NULL,
    filters TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    revision BIGINT NOT NULL DEFAULT 1,
    builtin_key TEXT,
    created {{timestamp}} NOT NULL,
    updated {{timestamp}} NOT NULL
);
CREATE UNIQUE INDEX label_templates_builtin_key ON label_templates (builtin_key);
CREATE INDEX label_templates_model_idx ON label_templates (model_type, enabled);

-- A print job and, once complete, its PDF (kept in the database so any server can serve it).
CREATE TABLE data_outputs (
    id {{id}},
    created {{timestamp}} NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    model_type TEXT NOT NULL,
    items BIGINT NOT NULL,
    complete BOOLEAN NOT NULL DEFAULT FALSE,
    progress BIGINT NOT NULL DEFAULT 0,
    output_type TEXT NOT NULL,
    template_id BIGINT REFERENCES label_templates (id) ON DELETE SET NULL,
    plugin TEXT NOT NULL,
    filename TEXT NOT NULL,
    content {{blob}},
    errors TEXT
);
CREATE INDEX data_outputs_user_idx ON data_outputs (user_id);
