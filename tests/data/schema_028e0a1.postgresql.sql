CREATE TABLE boards (
	id SERIAL NOT NULL, 
	slug VARCHAR(60) NOT NULL, 
	title VARCHAR(120) NOT NULL, 
	description TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (slug)
);
CREATE TABLE search_outbox (
	id SERIAL NOT NULL, 
	item_id INTEGER NOT NULL, 
	queued_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_search_outbox_item_id ON search_outbox (item_id);
CREATE TABLE users (
	id SERIAL NOT NULL, 
	username VARCHAR(40) NOT NULL, 
	username_key VARCHAR(40) NOT NULL, 
	password_hash VARCHAR(255) NOT NULL, 
	role VARCHAR(16) NOT NULL, 
	created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (username_key)
);
CREATE TABLE audit_events (
	id SERIAL NOT NULL, 
	at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	actor_id INTEGER, 
	action VARCHAR(40) NOT NULL, 
	target_type VARCHAR(40) NOT NULL, 
	target_id INTEGER, 
	reason TEXT NOT NULL, 
	details JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(actor_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_audit_events_at ON audit_events (at);
CREATE TABLE items (
	id SERIAL NOT NULL, 
	type VARCHAR(40) NOT NULL, 
	author_id INTEGER NOT NULL, 
	board_id INTEGER, 
	parent_id INTEGER, 
	title VARCHAR(200), 
	body TEXT NOT NULL, 
	body_html TEXT NOT NULL, 
	data JSON NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	visibility VARCHAR(16) NOT NULL, 
	created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	published_at TIMESTAMP WITHOUT TIME ZONE, 
	last_activity_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(author_id) REFERENCES users (id) ON DELETE CASCADE, 
	FOREIGN KEY(board_id) REFERENCES boards (id), 
	FOREIGN KEY(parent_id) REFERENCES items (id) ON DELETE CASCADE
);
CREATE INDEX ix_items_author ON items (author_id, type);
CREATE INDEX ix_items_board ON items (board_id, status, last_activity_at);
CREATE INDEX ix_items_feed ON items (type, status, visibility, created_at);
CREATE INDEX ix_items_parent ON items (parent_id, status, created_at);
CREATE TABLE questionnaire_results (
	id SERIAL NOT NULL, 
	user_id INTEGER NOT NULL, 
	instrument VARCHAR(40) NOT NULL, 
	answers JSON NOT NULL, 
	scores JSON NOT NULL, 
	created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_questionnaire_results_member ON questionnaire_results (user_id, instrument, created_at);
CREATE TABLE research_consents (
	user_id INTEGER NOT NULL, 
	consented_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (user_id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE usage_events (
	id SERIAL NOT NULL, 
	user_id INTEGER NOT NULL, 
	function VARCHAR(40) NOT NULL, 
	day DATE NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_usage_events_member_day UNIQUE (user_id, function, day), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE moderation_items (
	id SERIAL NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	item_id INTEGER, 
	user_id INTEGER NOT NULL, 
	urgent BOOLEAN NOT NULL, 
	severity INTEGER NOT NULL, 
	rules JSON NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	decision VARCHAR(32) NOT NULL, 
	created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	resolved_by_id INTEGER, 
	resolved_at TIMESTAMP WITHOUT TIME ZONE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE, 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	FOREIGN KEY(resolved_by_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_moderation_item ON moderation_items (item_id, status);
CREATE INDEX ix_moderation_items_user_id ON moderation_items (user_id);
CREATE INDEX ix_moderation_queue ON moderation_items (status, urgent, created_at);
CREATE TABLE moderation_notices (
	id SERIAL NOT NULL, 
	user_id INTEGER NOT NULL, 
	item_id INTEGER, 
	decision VARCHAR(32) NOT NULL, 
	message TEXT NOT NULL, 
	created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
);
CREATE INDEX ix_moderation_notices_user_id ON moderation_notices (user_id);
CREATE TABLE moderation_reports (
	id SERIAL NOT NULL, 
	item_id INTEGER NOT NULL, 
	reporter_id INTEGER NOT NULL, 
	category VARCHAR(16) NOT NULL, 
	note TEXT NOT NULL, 
	created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (item_id, reporter_id), 
	FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE, 
	FOREIGN KEY(reporter_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_moderation_reports_reporter_id ON moderation_reports (reporter_id);
CREATE TABLE reactions (
	id SERIAL NOT NULL, 
	item_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (item_id, user_id, kind), 
	FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE, 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_reactions_item_id ON reactions (item_id);
