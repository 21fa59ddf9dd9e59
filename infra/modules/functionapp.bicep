// Flex Consumption plan and the Function App. Everything authenticates as the user-assigned identity.
@description('Base name for the plan.')
param baseName string

@description('Globally unique Function App name (becomes <name>.azurewebsites.net).')
param appName string

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Storage account name.')
param storageAccountName string

@description('Blob, queue and table endpoints of the storage account.')
param storageEndpoints {
  blob: string
  queue: string
  table: string
}

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Versionless Key Vault secret URIs.')
param secretUris {
  countyApiKey: string
  householdsBlindIndexKey: string
}

@description('Key Vault holding the household data AES keys (secrets HouseholdsKey-{id}).')
param keyVaultName string

@description('Ids of every household data AES key the app loads.')
param householdsKeyIds string[]

@description('Id of the AES key that encrypts new household data.')
param householdsActiveKeyId string

@description('County code of this deployment (GB/T 2260), passed to the app as Commerce__CountyCode.')
param countyCode string

@description('Upper bound on instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('.NET isolated runtime version for Flex Consumption.')
param runtimeVersion string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${baseName}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Flex Consumption takes the runtime from functionAppConfig: FUNCTIONS_WORKER_RUNTIME and
      // FUNCTIONS_EXTENSION_VERSION are not allowed as app settings there.
      appSettings: concat([
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storageEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storageEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storageEndpoints.table }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'Commerce__CountyCode', value: countyCode }
        { name: 'Commerce__CountyApiKey', value: '@Microsoft.KeyVault(SecretUri=${secretUris.countyApiKey})' }
        { name: 'Commerce__Households__ActiveKeyId', value: householdsActiveKeyId }
        { name: 'Commerce__Households__BlindIndexKey', value: '@Microsoft.KeyVault(SecretUri=${secretUris.householdsBlindIndexKey})' }
      ], map(householdsKeyIds, id => {
        name: 'Commerce__Households__Keys__${id}'
        value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=HouseholdsKey-${id})'
      }))
    }
  }
}

output defaultHostName string = app.properties.defaultHostName
