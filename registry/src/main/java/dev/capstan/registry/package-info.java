/**
 * Capstan's schema registry server: a Confluent-Schema-Registry-compatible REST API for Avro schemas, stored in a
 * compacted Kafka topic. Start it with {@link dev.capstan.registry.RegistryServer#start} or as a process with
 * {@link dev.capstan.registry.Main}; everything else in this package is its internals.
 */
package dev.capstan.registry;
