package dev.uplift.operations;

import java.util.ArrayList;
import java.util.List;

import dev.uplift.error.InvalidInput;
import dev.uplift.project.ProjectContext;
import dev.uplift.tracking.ProjectWriters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes one visitor of a project (docs/operations.md, deleting a visitor): their
 * entries and conversions in every experiment of the project, the rollups' counts of
 * them, their events in the log and the user ids and e-mails they were identified with,
 * in one transaction that ingestion of the project waits for. Results afterwards are
 * exactly those of the same events without the visitor's.
 */
@Service
class VisitorDeletion {

	/** The longest visitor id ingestion accepts (the column's width). */
	static final int MAX_VISITOR_ID = 128;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcVisitorRepository visitors;

	private final ProjectWriters writers;

	VisitorDeletion(JdbcVisitorRepository visitors, ProjectWriters writers) {
		this.visitors = visitors;
		this.writers = writers;
	}

	@Transactional
	Deleted delete(ProjectContext project, String visitorId) {
		if (visitorId.isBlank() || visitorId.length() > MAX_VISITOR_ID) {
			throw new InvalidInput("visitor_id", "visitor_id must be 1 to " + MAX_VISITOR_ID + " characters");
		}
		this.writers.holdOff(project.id());
		int experiments = 0;
		int conversions = 0;
		for (long testId : this.visitors.experiments(project.id())) {
			conversions += this.visitors.deleteConversions(testId, visitorId);
			if (this.visitors.deleteEntry(testId, visitorId)) {
				experiments++;
			}
		}
		List<String> events = new ArrayList<>();
		for (String[] event : this.visitors.eventsContaining(project.id(), prefilter(visitorId))) {
			if (visitorId.equals(visitorOf(event[1]))) {
				events.add(event[0]);
			}
		}
		int deleted = this.visitors.deleteEvents(project.id(), events);
		this.visitors.deleteIdentities(project.id(), visitorId);
		return new Deleted(experiments, conversions, deleted);
	}

	/**
	 * Text every stored event of the visitor contains: the id itself when JSON writes it
	 * as it is (printable ASCII, no quote or backslash), else nothing, and every event of
	 * the project is read.
	 */
	private static String prefilter(String visitorId) {
		return visitorId.chars().allMatch((c) -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? visitorId : "";
	}

	private static String visitorOf(String body) {
		try {
			JsonNode visitor = json.readTree(body).get("visitor_id");
			return (visitor != null && visitor.isString()) ? visitor.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** What was deleted: entries, conversions (one per goal) and logged events. */
	record Deleted(int experiments, int conversions, int events) {
	}

}
