package dev.capstan.demo;

import java.time.Duration;

/**
 * Demo command line: {@code --duration} (default: until Ctrl-C) and {@code --rate} (transactions per
 * second, default 200).
 */
record DemoOptions(Duration duration, int rate) {

    static final String USAGE = "usage: capstan-demo [--duration 60s|5m] [--rate <transactions per second>]";

    static DemoOptions parse(String[] args) {
        Duration duration = Duration.ofDays(3650);
        int rate = 200;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--duration" -> duration = dev.capstan.runtime.config.Durations.parse(value, "--duration");
                case "--rate" -> rate = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        return new DemoOptions(duration, rate);
    }
}
