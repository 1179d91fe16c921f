package dev.uplift.experiment;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.error.InvalidInput;
import dev.uplift.error.NotFound;
import dev.uplift.experiment.JdbcCommentRepository.Comment;
import dev.uplift.project.Caller;
import dev.uplift.project.ProjectContext;
import dev.uplift.web.ApiTime;
import dev.uplift.web.PathId;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mida's discussion of an experiment (docs/mida-v2-api.md §4.2): comments with their
 * provenance. Uplift has no user accounts: the author of a comment is the API key that
 * posted it, every key may post, and every key may delete, as Mida's Admins may.
 */
@RestController
class DiscussionController {

	static final int MAX_COMMENT = 5000;

	private static final String PATH = "/v2/project/{project_key}/experiment/{test_id}/discussion";

	private static final Set<String> SOURCES = Set.of("user", "agent", "routine");

	private static final String NOTE = "Uplift has no user accounts: the author is the API key that posted the comment";

	private final ExperimentService experiments;

	private final JdbcCommentRepository comments;

	private final Clock clock;

	DiscussionController(ExperimentService experiments, JdbcCommentRepository comments, Clock clock) {
		this.experiments = experiments;
		this.comments = comments;
		this.clock = clock;
	}

	@GetMapping(PATH)
	@Transactional(readOnly = true)
	Discussion list(ProjectContext project, Caller caller, @PathVariable("test_id") String testId) {
		Experiment experiment = this.experiments.get(project, ExperimentController.testId(testId));
		List<CommentView> page = this.comments.list(experiment.id())
			.stream()
			.map((comment) -> CommentView.of(comment, caller))
			.toList();
		return new Discussion(true, experiment.id(), experiment.name(), page.size(), page);
	}

	@Operation(summary = "Add a comment",
			description = "Any API key may post; the key is the author. source (user, agent or routine) is kept "
					+ "as sent.")
	@PostMapping(PATH)
	@Transactional
	CommentAdded add(ProjectContext project, Caller caller, @PathVariable("test_id") String testId,
			@RequestBody CommentRequest request) {
		Experiment experiment = this.experiments.get(project, ExperimentController.testId(testId));
		String text = request.checkedComment();
		String source = request.checkedSource();
		long id = this.comments.insert(experiment.id(), text, source, caller.keyId(), caller.name(),
				this.clock.millis());
		return new CommentAdded(true, experiment.id(), id, text, source, NOTE);
	}

	@Operation(summary = "Delete a comment", description = "Any API key may delete, as Mida's Admins may.")
	@DeleteMapping(PATH + "/{comment_id}")
	@Transactional
	CommentDeleted delete(ProjectContext project, @PathVariable("test_id") String testId,
			@PathVariable("comment_id") String commentId) {
		Experiment experiment = this.experiments.get(project, ExperimentController.testId(testId));
		long id = PathId.parse("comment_id", commentId);
		Comment comment = this.comments.find(experiment.id(), id).orElseThrow(() -> new NotFound("Comment", id));
		this.comments.delete(experiment.id(), id);
		return new CommentDeleted(true, experiment.id(), id, comment.comment());
	}

	/**
	 * A comment to add.
	 *
	 * @param comment plain text, 1 to 5000 characters
	 * @param source user (the default), agent or routine
	 */
	record CommentRequest(String comment, String source) {

		String checkedComment() {
			if (this.comment == null || this.comment.isBlank() || this.comment.length() > MAX_COMMENT) {
				throw new InvalidInput("comment", "'comment' must be 1 to " + MAX_COMMENT + " characters");
			}
			return this.comment;
		}

		String checkedSource() {
			if (this.source == null) {
				return "user";
			}
			if (!SOURCES.contains(this.source)) {
				throw new InvalidInput("source", "'source' must be user, agent or routine");
			}
			return this.source;
		}

	}

	/**
	 * An experiment's discussion.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param testName its name
	 * @param count comments
	 * @param comments oldest first
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record Discussion(boolean success, long testId, String testName, int count, List<CommentView> comments) {
	}

	/**
	 * A comment in Mida's shape.
	 *
	 * @param commentId its id
	 * @param comment its text
	 * @param authorName the name of the API key that posted it
	 * @param createdAt when
	 * @param edited always false: comments are not edited
	 * @param isYou whether the key of this request posted it
	 * @param source user, agent or routine
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record CommentView(long commentId, String comment, String authorName, String createdAt, boolean edited,
			boolean isYou, String source) {

		static CommentView of(Comment comment, Caller caller) {
			return new CommentView(comment.id(), comment.comment(), comment.authorName(),
					ApiTime.format(comment.createdAt()), false, comment.authorKeyId() == caller.keyId(),
					comment.source());
		}

	}

	/**
	 * An added comment.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param commentId its id
	 * @param comment its text
	 * @param source its provenance
	 * @param note who the author is in Uplift
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record CommentAdded(boolean success, long testId, long commentId, String comment, String source, String note) {
	}

	/**
	 * A deleted comment.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param commentId the comment
	 * @param deletedPreview its text
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record CommentDeleted(boolean success, long testId, long commentId, String deletedPreview) {
	}

}
