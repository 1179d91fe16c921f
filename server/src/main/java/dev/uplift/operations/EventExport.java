package dev.uplift.operations;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import dev.uplift.project.ProjectContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's events as NDJSON in the import's format (docs/api.md §4): each line is an
 * event as it was stored, with {@code ts} set to the time it counted at and
 * {@code event_id} to its id in the log (the server's id for events sent without one), so
 * that importing an export is idempotent and counts each event at the same time.
 */
@Service
class EventExport {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcEventExportRepository events;

	EventExport(JdbcEventExportRepository events) {
		this.events = events;
	}

	/**
	 * Writes the project's events, oldest first, a line each; memory does not grow with
	 * their number. One snapshot: events committed meanwhile are not in it.
	 */
	@Transactional(readOnly = true)
	void write(ProjectContext project, OutputStream out) {
		this.events.forEachEvent(project.id(), (event) -> {
			try {
				out.write(json.writeValueAsBytes(line(event)));
				out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static JsonNode line(JdbcEventExportRepository.LoggedEvent event) {
		ObjectNode line = (ObjectNode) json.readTree(event.body());
		line.put("event_id", event.eventId());
		line.put("ts", event.occurredAt());
		return line;
	}

}
