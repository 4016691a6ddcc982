import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConfig } from './config.js';

async function tlsOptions(cfg: TemporalConfig) {
  if (!cfg.tls && !cfg.tlsCertPath) return undefined;
  if (!cfg.tlsCertPath || !cfg.tlsKeyPath) return true;
  return { clientCertPair: { crt: await readFile(cfg.tlsCertPath), key: await readFile(cfg.tlsKeyPath) } };
}

/** A client for the API and tools: plain address, TLS, mTLS or API key, as configured. */
export async function connectClient(cfg: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect({ address: cfg.address, tls: await tlsOptions(cfg), apiKey: cfg.apiKey });
  return new Client({ connection, namespace: cfg.namespace });
}

/** The worker's connection (Rust core). */
export async function connectWorker(cfg: TemporalConfig): Promise<NativeConnection> {
  return NativeConnection.connect({ address: cfg.address, tls: await tlsOptions(cfg), apiKey: cfg.apiKey });
}
