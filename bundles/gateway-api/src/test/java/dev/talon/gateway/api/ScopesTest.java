package dev.talon.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Property checks of the scope arithmetic over every subset of the operator scopes. */
class ScopesTest {
    private static List<Set<String>> allGrantSets() {
        List<String> all = Scopes.OPERATOR_SCOPES;
        List<Set<String>> sets = new java.util.ArrayList<>();
        for (int mask = 0; mask < (1 << all.size()); mask++) {
            Set<String> s = new HashSet<>();
            for (int i = 0; i < all.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    s.add(all.get(i));
                }
            }
            sets.add(s);
        }
        return sets;
    }

    @Test
    void everyGrantSatisfiesItsOwnScopesAndAdminSatisfiesAll() {
        for (Set<String> g : allGrantSets()) {
            for (String s : g) {
                assertTrue(Scopes.satisfies(g, s), g + " must satisfy " + s);
            }
            if (g.contains(Scopes.ADMIN)) {
                Scopes.OPERATOR_SCOPES.forEach(s -> assertTrue(Scopes.satisfies(g, s)));
            }
        }
    }

    @Test
    void satisfactionIsMonotonicInTheGrant() {
        List<Set<String>> sets = allGrantSets();
        for (Set<String> g : sets) {
            for (String extra : Scopes.OPERATOR_SCOPES) {
                Set<String> bigger = new HashSet<>(g);
                bigger.add(extra);
                for (String s : Scopes.OPERATOR_SCOPES) {
                    if (Scopes.satisfies(g, s)) {
                        assertTrue(Scopes.satisfies(bigger, s), bigger + " lost " + s);
                    }
                }
            }
        }
    }

    @Test
    void writeImpliesReadButNotPairingOrApprovals() {
        Set<String> w = Set.of(Scopes.WRITE);
        assertTrue(Scopes.satisfies(w, Scopes.READ));
        assertTrue(Scopes.satisfies(w, Scopes.SESSIONS_WRITE));
        assertFalse(Scopes.satisfies(w, Scopes.PAIRING));
        assertFalse(Scopes.satisfies(w, Scopes.APPROVALS));
        assertFalse(Scopes.satisfies(w, Scopes.TALK_SECRETS));
        assertFalse(Scopes.satisfies(w, Scopes.ADMIN));
        assertTrue(Scopes.satisfies(Set.of(Scopes.READ), Scopes.SESSIONS_READ));
        assertFalse(Scopes.satisfies(Set.of(Scopes.READ), Scopes.WRITE));
    }

    @Test
    void nonOperatorScopesAreNeverSatisfied() {
        assertFalse(Scopes.satisfies(Set.of(Scopes.ADMIN), Scopes.NODE));
        assertFalse(Scopes.satisfies(Set.of("x"), "x"));
        assertEquals(10, Scopes.OPERATOR_SCOPES.size());
    }
}
