package dev.exacme.exchange.rollout;

import dev.exacme.exchange.verify.Endpoint;
import dev.exacme.store.Thumbprint;
import java.util.List;

/**
 * What a {@link Rollout} carries out: the changes in order, and the endpoints that must then
 * present the certificate. Computed from what the services report now and printed before
 * anything happens ({@code --dry-run} stops there).
 *
 * @param <C> the kind of change
 */
public interface RolloutPlan<C extends Change<?>> {

    /** The certificate being deployed. */
    Thumbprint thumbprint();

    /** The changes, in the order they are made. */
    List<C> steps();

    /** What the person should know about this plan. */
    List<String> notes();

    /** What is checked on the wire afterwards. */
    List<Endpoint> endpoints();

    /** The plan in words. */
    default String describe() {
        var text = new StringBuilder("Deploy ").append(thumbprint()).append('\n');
        var steps = steps();
        for (var i = 0; i < steps.size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(steps.get(i).describe()).append('\n');
        }
        text.append("  then check that these present it: ")
                .append(String.join(", ", endpoints().stream().map(Endpoint::describe).toList())).append('\n');
        text.append("  and restore everything above if one does not.\n");
        notes().forEach(note -> text.append("  note: ").append(note).append('\n'));
        return text.toString();
    }
}
