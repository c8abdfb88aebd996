package com.orthoseg.segments;

import com.orthoseg.localstack.LocalStack;
import com.orthoseg.localstack.LocalStackResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM doctor_features");
            statement.execute("DELETE FROM doctor_region");
            statement.execute("DELETE FROM assignment");
            statement.execute("DELETE FROM assignment_history");
            statement.execute("DELETE FROM segment_override");
            statement.execute("UPDATE model_version SET status = 'DISCARDED', activated_at = NULL");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single number a query answers, such as a count. */
    static long number(String sql, Object... args) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An id of 10,000 random letters and digits: valid by the contract, beyond what a B-tree index entry holds. */
    static String unindexableId() {
        return new java.util.Random().ints(10_000, 0, 36).mapToObj(i -> Character.toString(Character.forDigit(i, 36)))
                .collect(java.util.stream.Collectors.joining());
    }

    static Connection connect() throws SQLException {
        LocalStack.PostgresEndpoint db = LocalStackResource.stack().postgresEndpoint();
        return DriverManager.getConnection(db.jdbcUrl("segments"), db.user(), db.password());
    }
}
