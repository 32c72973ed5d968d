// Clients for Azure Storage, reached either with a connection string (Azurite, local runs) or with the host's managed
// identity and the service's URL (production: no account key anywhere). The Azure SDKs load only when called.
import type { TokenCredential } from '@azure/identity';
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import type { StorageAccess } from '../config';

let credential: TokenCredential | undefined;

/**
 * The host's identity: on App Service its managed identity; elsewhere whatever DefaultAzureCredential finds
 * (AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, a workload identity, a developer's Azure CLI login).
 */
export function hostCredential(): TokenCredential {
  if (!credential) {
    const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
    credential = new DefaultAzureCredential();
  }
  return credential;
}

export function containerClient(access: StorageAccess, container: string, options?: StoragePipelineOptions): ContainerClient {
  const { ContainerClient: Client } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
  return access.connectionString !== undefined
    ? new Client(access.connectionString, container, options)
    : new Client(`${access.serviceUrl}/${encodeURIComponent(container)}`, hostCredential(), options);
}

export function queueClient(access: StorageAccess, queueName: string): QueueClient {
  const { QueueClient: Client } = require('@azure/storage-queue') as typeof import('@azure/storage-queue');
  return access.connectionString !== undefined
    ? new Client(access.connectionString, queueName)
    : new Client(`${access.serviceUrl}/${encodeURIComponent(queueName)}`, hostCredential());
}
