/**
 * The engine every deployment runs on: {@link dev.exacme.exchange.rollout.Change changes} with
 * their undo, applied in order by a {@link dev.exacme.exchange.rollout.Rollout}, verified on the
 * wire, and undone in reverse when the certificate is not served. Exchange's plan
 * ({@code deploy}) and the IIS sites' plan ({@code iis}) both hand it a
 * {@link dev.exacme.exchange.rollout.RolloutPlan}; neither copies the rollback.
 */
package dev.exacme.exchange.rollout;
