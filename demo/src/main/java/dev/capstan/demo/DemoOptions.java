package dev.capstan.demo;

import java.time.Duration;

/**
 * Demo command line: {@code --duration} (default: until Ctrl-C), {@code --rate} (transactions per
 * second, default 200) and {@code --format} ({@code avro}, the default, with an embedded capstan-registry, or
 * {@code json}).
 */
record DemoOptions(Duration duration, int rate, boolean avro) {

    static final String USAGE = "usage: capstan-demo [--duration 60s|5m] [--rate <transactions per second>] "
            + "[--format avro|json]";

    static DemoOptions parse(String[] args) {
        Duration duration = Duration.ofDays(3650);
        int rate = 200;
        boolean avro = true;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--duration" -> duration = dev.capstan.runtime.config.Durations.parse(value, "--duration");
                case "--rate" -> rate = Integer.parseInt(value);
                case "--format" -> {
                    if (!value.equals("avro") && !value.equals("json")) {
                        throw new IllegalArgumentException("--format: '" + value + "' is not avro or json");
                    }
                    avro = value.equals("avro");
                }
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        return new DemoOptions(duration, rate, avro);
    }
}
