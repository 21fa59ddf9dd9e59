// Lianhua.Commerce: one deployment in one resource group. How to deploy it: docs/operations.md.
targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short project prefix, lowercase letters and digits.')
@minLength(2)
@maxLength(6)
param namePrefix string = 'lhc'

@description('Environment name, lowercase letters and digits (test, prod, ...).')
@minLength(2)
@maxLength(6)
param environmentName string

@description('County code of this deployment (GB/T 2260). 360321 is Lianhua County.')
@minLength(6)
@maxLength(6)
param countyCode string = '360321'

@secure()
@minLength(32)
@description('Bootstrap county API key, e.g. `openssl rand -hex 32`. Never commit a real value.')
param countyApiKey string

@description('A base64 AES-256 key: 32 random bytes (`openssl rand -base64 32`), 44 characters.')
@minLength(44)
@maxLength(44)
type aesKey = string

@description('Ids of every AES key of household data the app loads (1-32 letters, digits or -), each a Key Vault secret HouseholdsKey-{id}. Keep every id that encrypted data; add one to rotate.')
@minLength(1)
param householdsKeyIds string[] = [
  'k1'
]

@description('Id of the AES key that encrypts new household data (Commerce:Households:ActiveKeyId): one of householdsKeyIds.')
@minLength(1)
@maxLength(32)
param householdsActiveKeyId string = 'k1'

@secure()
@description('AES-256-GCM keys of household data to store in Key Vault now, by id, e.g. {"k1": "<base64>"}: a new key when rotating. Keys in Key Vault already may be left out; one passed again must keep its value.')
param householdsKeys {
  *: aesKey
}

@secure()
@minLength(44)
@description('Base64 HMAC key (32+ random bytes) of the national ID blind index, e.g. `openssl rand -base64 32`. Changing it needs a re-index.')
param householdsBlindIndexKey string

@description('Most instances the Flex Consumption plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('.NET isolated runtime version on Flex Consumption.')
param dotnetVersion string = '10.0'

@description('Accept only Entra ID (managed identity) telemetry in Application Insights.')
param appInsightsDisableLocalAuth bool = true

var baseName = '${namePrefix}-${environmentName}'
var suffix = uniqueString(resourceGroup().id, namePrefix, environmentName)
var tags = {
  project: 'lianhua-commerce'
  environment: environmentName
  county: countyCode
}
// Names are computed here, not read from module outputs, so what-if can predict every resource id.
var names = {
  identity: 'id-${baseName}'
  storage: take('st${namePrefix}${environmentName}${suffix}', 24)
  keyVault: take('kv-${baseName}-${suffix}', 24)
  functionApp: 'func-${baseName}-${suffix}'
  workspace: 'log-${baseName}'
  appInsights: 'appi-${baseName}'
  deploymentContainer: 'app-package'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
    disableLocalAuth: appInsightsDisableLocalAuth
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    countyApiKey: countyApiKey
    householdsKeys: householdsKeys
    householdsBlindIndexKey: householdsBlindIndexKey
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  // The app resolves Key Vault references and reads its package as soon as it exists: roles first.
  dependsOn: [
    roles
  ]
  params: {
    baseName: baseName
    appName: names.functionApp
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    storageEndpoints: {
      blob: storage.outputs.blobEndpoint
      queue: storage.outputs.queueEndpoint
      table: storage.outputs.tableEndpoint
    }
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    secretUris: {
      countyApiKey: keyVault.outputs.countyApiKeySecretUri
      householdsBlindIndexKey: keyVault.outputs.householdsBlindIndexKeySecretUri
    }
    keyVaultName: names.keyVault
    householdsKeyIds: householdsKeyIds
    householdsActiveKeyId: householdsActiveKeyId
    countyCode: countyCode
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    runtimeVersion: dotnetVersion
  }
}

output functionAppName string = names.functionApp
output functionAppHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = names.storage
output keyVaultName string = names.keyVault
