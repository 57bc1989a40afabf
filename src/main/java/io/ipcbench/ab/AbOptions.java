package io.ipcbench.ab;

import java.nio.file.Path;
import java.util.List;

import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * What a run of scripts/ab was asked for, parsed and checked by its command line: the two sides,
 * the rounds, the gate's settings and the JMH options.
 *
 * @param minEffect the minimum effect as a fraction (0.05 for 5 %)
 * @param candidatePatch absolute, or null for none
 * @param aa the A/A spreads of an earlier run, or null
 * @param profile {@code full} or {@code quick}
 * @param idle {@code as-booted} or {@code poll} (machine.IdlePolling), for the whole run
 * @param jmhArgs the JMH options each fork gets unchanged (no -f, -p, -bm or regexps)
 * @param selection the JMH options as given, parsed: includes, excludes, -p values, -bm
 */
public record AbOptions(String base, String candidate, int rounds, double minEffect, boolean failOnRegression, long seed,
        Path aa, Path out, Path candidatePatch, boolean earlyStop, String profile, String idle, List<String> jmhArgs,
        CommandLineOptions selection) {
}
