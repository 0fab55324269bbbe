/**
 * The client the runtime uses to talk to a Confluent-compatible schema registry (Capstan's own, Confluent's or
 * Apicurio's {@code ccompat} API): {@link dev.capstan.registry.client.RegistryClient}.
 */
package dev.capstan.registry.client;
