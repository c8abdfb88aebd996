package com.orthoseg.localstack;

import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka and PostgreSQL for tests and for the local run: started here from Maven artifacts, or
 * external ones named by the environment ({@code KAFKA_BOOTSTRAP_SERVERS}; {@code POSTGRES_HOST},
 * {@code POSTGRES_PORT}, {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}). Either way the topics of
 * DESIGN.md are created if missing.
 */
public final class LocalStack implements AutoCloseable {

    private final Path dataDir;
    private final boolean deleteDataOnClose;
    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final String kafkaBootstrapServers;
    private final PostgresEndpoint postgresEndpoint;
    private final DevTokens tokens;

    /** Where a PostgreSQL server is reached. */
    public record PostgresEndpoint(String host, int port, String user, String password) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        /** The URL form of the Vert.x reactive client that Hibernate Reactive uses. */
        public String reactiveUrl(String database) {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** What to start, where, on which ports. */
    public record Settings(Path dataDir, boolean deleteDataOnClose, boolean withKafka, boolean withPostgres,
                           int kafkaPort, int kafkaControllerPort, int postgresPort, int partitions) {

        /** Free ports and a temporary directory that is deleted on close. */
        public static Settings forTests(boolean withKafka, boolean withPostgres) {
            return new Settings(Directories.createTemp("orthoseg-stack-"), true, withKafka, withPostgres,
                    FreePorts.next(), FreePorts.next(), FreePorts.next(), partitionsFromEnvironment());
        }

        /**
         * Fixed ports away from a system Kafka (9092) or PostgreSQL (5432), overridable by
         * ORTHOSEG_KAFKA_PORT, ORTHOSEG_KAFKA_CONTROLLER_PORT and ORTHOSEG_POSTGRES_PORT; data kept.
         */
        public static Settings forLocalRun(Path dataDir) {
            return new Settings(dataDir, false, true, true,
                    intFromEnvironment("ORTHOSEG_KAFKA_PORT", 19092),
                    intFromEnvironment("ORTHOSEG_KAFKA_CONTROLLER_PORT", 19093),
                    intFromEnvironment("ORTHOSEG_POSTGRES_PORT", 15432),
                    partitionsFromEnvironment());
        }

        private static int partitionsFromEnvironment() {
            return intFromEnvironment("ORTHOSEG_PARTITIONS", com.orthoseg.events.Topic.DEFAULT_PARTITIONS);
        }
    }

    private LocalStack(Settings settings) {
        this.dataDir = settings.dataDir();
        this.deleteDataOnClose = settings.deleteDataOnClose();
        this.tokens = DevTokens.in(dataDir.resolve("dev-jwt"));
        String externalKafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String externalPostgres = System.getenv("POSTGRES_HOST");

        if (settings.withKafka() && isBlank(externalKafka)) {
            kafka = new LocalKafka(dataDir.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
            kafkaBootstrapServers = kafka.bootstrapServers();
        } else {
            kafka = null;
            kafkaBootstrapServers = settings.withKafka() ? externalKafka : null;
        }

        if (settings.withPostgres() && isBlank(externalPostgres)) {
            postgres = new LocalPostgres(dataDir.resolve("postgres"), settings.postgresPort());
            postgresEndpoint = new PostgresEndpoint("127.0.0.1", settings.postgresPort(),
                    LocalPostgres.USER, LocalPostgres.PASSWORD);
        } else {
            postgres = null;
            postgresEndpoint = settings.withPostgres() ? new PostgresEndpoint(externalPostgres,
                    intFromEnvironment("POSTGRES_PORT", 5432),
                    System.getenv().getOrDefault("POSTGRES_USER", "postgres"),
                    System.getenv().getOrDefault("POSTGRES_PASSWORD", "postgres")) : null;
        }
    }

    /** Starts Kafka and PostgreSQL side by side and creates the topics. */
    public static LocalStack start(Settings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            Thread postgresStart = new Thread(() -> {
                if (stack.postgres != null) {
                    stack.postgres.start();
                }
            }, "postgres-start");
            Throwable[] postgresFailure = new Throwable[1];
            postgresStart.setUncaughtExceptionHandler((thread, failure) -> postgresFailure[0] = failure);
            postgresStart.start();
            if (stack.kafka != null) {
                stack.kafka.start();
            }
            postgresStart.join();
            if (postgresFailure[0] != null) {
                throw new IllegalStateException("PostgreSQL did not start", postgresFailure[0]);
            }
            if (stack.kafkaBootstrapServers != null) {
                try (Admin admin = stack.admin()) {
                    KafkaTopics.create(admin, settings.partitions());
                }
            }
            return stack;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.close();
            throw new IllegalStateException("interrupted while starting the local stack", e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The broker started here; empty when an external Kafka is used. */
    public Optional<LocalKafka> kafka() {
        return Optional.ofNullable(kafka);
    }

    /** The PostgreSQL server started here; empty when an external one is used. */
    public Optional<LocalPostgres> postgres() {
        return Optional.ofNullable(postgres);
    }

    public PostgresEndpoint postgresEndpoint() {
        return postgresEndpoint;
    }

    /** The local run's token issuer; the services verify with {@link DevTokens#serviceConfig()}. */
    public DevTokens tokens() {
        return tokens;
    }

    public Admin admin() {
        return LocalKafka.adminClient(kafkaBootstrapServers);
    }

    /** Creates a database unless it exists. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(postgresEndpoint.jdbcUrl("postgres"),
                postgresEndpoint.user(), postgresEndpoint.password());
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery(
                     "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    /** The addresses as environment variables, as ./orthoseg writes them to .orthoseg/stack.env. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (kafkaBootstrapServers != null) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        }
        kafka().ifPresent(k -> env.put("KAFKA_BROKER_PID", Long.toString(k.pid())));
        if (postgresEndpoint != null) {
            env.put("POSTGRES_HOST", postgresEndpoint.host());
            env.put("POSTGRES_PORT", Integer.toString(postgresEndpoint.port()));
            env.put("POSTGRES_USER", postgresEndpoint.user());
            env.put("POSTGRES_PASSWORD", postgresEndpoint.password());
        }
        tokens.serviceConfig().forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return env;
    }

    @Override
    public void close() {
        try {
            if (kafka != null) {
                kafka.stop();
            }
        } finally {
            try {
                if (postgres != null) {
                    postgres.stop();
                }
            } finally {
                if (deleteDataOnClose) {
                    Directories.deleteRecursively(dataDir);
                }
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static int intFromEnvironment(String name, int defaultValue) {
        String value = System.getenv(name);
        if (isBlank(value)) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }
}
