package com.orthoseg.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the local stack until the process is stopped: {@code LocalStackMain <data dir> <env file>}.
 * Writes the addresses as KEY=value lines to the env file once everything is ready, and removes
 * the file when it stops.
 */
public final class LocalStackMain {

    /** One database per service that keeps state. */
    static final java.util.List<String> DATABASES = java.util.List.of("features", "segments");

    private LocalStackMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: LocalStackMain <data dir> <env file>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        Path envFile = Path.of(args[1]).toAbsolutePath();
        Files.deleteIfExists(envFile);

        LocalStack stack = LocalStack.start(LocalStack.Settings.forLocalRun(dataDir));
        for (String database : DATABASES) {
            stack.createDatabase(database);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(envFile);
            } catch (IOException ignored) {
                // the file only announces a running stack; a stale one is overwritten next time
            }
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));

        String env = stack.environment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Path partial = envFile.resolveSibling(envFile.getFileName() + ".partial");
        Files.writeString(partial, env);
        Files.move(partial, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.print(env);
        stopped.await();
    }
}
