/**
 * Schema compatibility levels, decided with Avro's own reader/writer resolution rules:
 * {@link dev.capstan.registry.compat.CompatibilityMode}.
 */
package dev.capstan.registry.compat;
