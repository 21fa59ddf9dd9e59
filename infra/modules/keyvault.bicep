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
@description('Base64 of a 32-byte AES-GCM key that encrypts national ID numbers (Commerce:PersonalDataKey).')
param personalDataKey string

@secure()
@description('Base64 HMAC key for the national ID blind index (Commerce:PersonalDataHmacKey).')
param personalDataHmacKey string

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

resource personalDataKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'PersonalDataKey'
  properties: {
    value: personalDataKey
    contentType: 'application/octet-stream;base64'
  }
}

resource personalDataHmacKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'PersonalDataHmacKey'
  properties: {
    value: personalDataHmacKey
    contentType: 'application/octet-stream;base64'
  }
}

// Versionless URIs: after a rotation the app picks up the new version on restart (or the platform's refresh).
output countyApiKeySecretUri string = countyApiKeySecret.properties.secretUri
output personalDataKeySecretUri string = personalDataKeySecret.properties.secretUri
output personalDataHmacKeySecretUri string = personalDataHmacKeySecret.properties.secretUri
