/**
 * IIS on its own, for hosts without Exchange (RD Gateway, an ADFS proxy, an intranet server)
 * and for the IIS part of an Exchange deployment: the https bindings IIS reports
 * ({@link dev.exacme.exchange.iis.WebBinding}), the {@link dev.exacme.exchange.iis.IisShell} and its
 * WebAdministration scripts, the {@link dev.exacme.exchange.iis.BindingChange changes} to bindings
 * with their undo, and the {@link dev.exacme.exchange.iis.IisPlan plan} for named sites, which a
 * {@link dev.exacme.exchange.rollout.Rollout} carries out. Not yet run on Windows.
 */
package dev.exacme.exchange.iis;
