package com.orthoseg.support;

/**
 * The roles a bearer token carries in its {@code groups} claim. Every API endpoint names the ones it
 * admits with {@code @RolesAllowed}; an endpoint that names none is denied to everyone
 * ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
public final class Roles {

    /** Writes events and imports (ingest-service). */
    public static final String INGEST = "ingest";
    /** Reads doctors' segments, features and history. */
    public static final String SUPPORT = "support";
    /** Reads reports, segments and the dashboard. */
    public static final String ANALYST = "analyst";
    /** Models (retrain, preview, activate, discard), segment names and playbooks. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
