package dev.talon.gateway.api;

import java.util.List;
import java.util.Set;

/**
 * Operator scope names and the protocol's scope implication rules.
 *
 * <p>Thread-safe, stateless.
 */
public final class Scopes {
    public static final String ADMIN = "operator.admin";
    public static final String READ = "operator.read";
    public static final String WRITE = "operator.write";
    public static final String APPROVALS = "operator.approvals";
    public static final String QUESTIONS = "operator.questions";
    public static final String PAIRING = "operator.pairing";
    public static final String TALK = "operator.talk";
    public static final String TALK_SECRETS = "operator.talk.secrets";
    public static final String SESSIONS_READ = "operator.sessions.read";
    public static final String SESSIONS_WRITE = "operator.sessions.write";
    /** Pseudo-scope of methods callable only by connections with {@code role:"node"}; no scope check applies. */
    public static final String NODE = "node";

    /** Every operator scope accepted on the wire, in protocol order. */
    public static final List<String> OPERATOR_SCOPES = List.of(
            ADMIN, READ, WRITE, APPROVALS, QUESTIONS, PAIRING, TALK, TALK_SECRETS, SESSIONS_READ, SESSIONS_WRITE);

    private static final Set<String> WRITE_IMPLIES = Set.of(READ, TALK, SESSIONS_READ, SESSIONS_WRITE);

    private Scopes() {}

    /**
     * Whether {@code granted} satisfies {@code required}: exact match, {@code operator.admin} (satisfies
     * everything), {@code operator.write} (implies read, talk and the session scopes), and
     * {@code operator.read} or {@code operator.sessions.write} (imply {@code operator.sessions.read}).
     *
     * @param granted the caller's effective scopes
     * @param required an operator scope; anything not starting with {@code operator.} is never satisfied
     */
    public static boolean satisfies(Set<String> granted, String required) {
        if (!required.startsWith("operator.")) {
            return false;
        }
        if (granted.contains(required) || granted.contains(ADMIN)) {
            return true;
        }
        if (WRITE_IMPLIES.contains(required) && granted.contains(WRITE)) {
            return true;
        }
        return SESSIONS_READ.equals(required) && (granted.contains(READ) || granted.contains(SESSIONS_WRITE));
    }

    /** Whether {@code scope} is one of {@link #OPERATOR_SCOPES}. */
    public static boolean isKnown(String scope) {
        return OPERATOR_SCOPES.contains(scope);
    }
}
