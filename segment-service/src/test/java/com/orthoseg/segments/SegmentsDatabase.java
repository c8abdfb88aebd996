package com.orthoseg.segments;

import com.orthoseg.localstack.LocalStack;
import com.orthoseg.localstack.LocalStackResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Test isolation: the test classes share one service and one database, so each starts from no doctors
 * and no active version. Versions are retired rather than deleted, so their ids are never reused.
 */
final class SegmentsDatabase {

    private SegmentsDatabase() {
    }

    static void reset() {
        LocalStack.PostgresEndpoint db = LocalStackResource.stack().postgresEndpoint();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl("segments"), db.user(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM doctor_features");
            statement.execute("DELETE FROM assignment");
            statement.execute("DELETE FROM assignment_history");
            statement.execute("DELETE FROM segment_override");
            statement.execute("UPDATE model_version SET status = 'DISCARDED', activated_at = NULL");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
