// Secrets the app reads through Key Vault references. RBAC only: no access policies.
@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@secure()
@description('Bootstrap county API key (Commerce:CountyApiKey).')
param countyApiKey string

@secure()
@description('Household data AES-256-GCM keys by id, each base64 of 32 bytes (Commerce:Households:Keys:{id}).')
param householdsKeys object

@secure()
@description('Base64 HMAC key of the national ID blind index (Commerce:Households:BlindIndexKey).')
param householdsBlindIndexKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource countyApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'CountyApiKey'
  properties: {
    value: countyApiKey
    contentType: 'text/plain'
  }
}

// One secret per key id: a key id always names the same bytes (ciphertexts name their key id), so rotating adds a
// secret and never rewrites one. Only the keys passed are written; the others stay in the vault as they are.
resource householdsKeySecrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for key in items(householdsKeys): {
    parent: vault
    name: 'HouseholdsKey-${key.key}'
    properties: {
      value: key.value
      contentType: 'application/octet-stream;base64'
    }
  }
]

resource householdsBlindIndexKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'HouseholdsBlindIndexKey'
  properties: {
    value: householdsBlindIndexKey
    contentType: 'application/octet-stream;base64'
  }
}

// Versionless URIs: after a rotation the app picks up the new version on restart (or the platform's refresh).
output countyApiKeySecretUri string = countyApiKeySecret.properties.secretUri
output householdsBlindIndexKeySecretUri string = householdsBlindIndexKeySecret.properties.secretUri
