package dev.uplift.experiment;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Comments on experiments. */
@Repository
class JdbcCommentRepository {

	private static final String COLUMNS = "id, test_id, comment, source, author_key_id, author_name, created_at";

	private static final String LIST = "SELECT " + COLUMNS
			+ " FROM experiment_comments WHERE test_id = :testId ORDER BY id";

	private static final String ONE = "SELECT " + COLUMNS
			+ " FROM experiment_comments WHERE test_id = :testId AND id = :id";

	private static final String INSERT = """
			INSERT INTO experiment_comments (test_id, comment, source, author_key_id, author_name, created_at)
			VALUES (:testId, :comment, :source, :authorKeyId, :authorName, :now) RETURNING id
			""";

	private static final String DELETE = "DELETE FROM experiment_comments WHERE test_id = :testId AND id = :id";

	private final JdbcClient jdbc;

	JdbcCommentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Comment> list(long testId) {
		return this.jdbc.sql(LIST).param("testId", testId).query(Comment.class).list();
	}

	Optional<Comment> find(long testId, long id) {
		return this.jdbc.sql(ONE).param("testId", testId).param("id", id).query(Comment.class).optional();
	}

	long insert(long testId, String comment, String source, long authorKeyId, String authorName, long now) {
		return this.jdbc.sql(INSERT)
			.param("testId", testId)
			.param("comment", comment)
			.param("source", source)
			.param("authorKeyId", authorKeyId)
			.param("authorName", authorName)
			.param("now", now)
			.query(Long.class)
			.single();
	}

	/** Deletes the comment; false when there was none. */
	boolean delete(long testId, long id) {
		return this.jdbc.sql(DELETE).param("testId", testId).param("id", id).update() == 1;
	}

	/**
	 * A stored comment.
	 *
	 * @param id its id
	 * @param testId its experiment
	 * @param comment its text
	 * @param source user, agent or routine
	 * @param authorKeyId the API key that posted it
	 * @param authorName that key's name then
	 * @param createdAt when
	 */
	record Comment(long id, long testId, String comment, String source, long authorKeyId, String authorName,
			long createdAt) {
	}

}
