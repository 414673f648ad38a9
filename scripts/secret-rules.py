# Generates src/Noa.Safety.Secrets/Resources/default-rules.toml: python3 scripts/secret-rules.py. Our own regexes, written from
# each provider's documented token format; A, B and E are the shared "name = value", token-start and token-end idioms.
A = r'''[\w.\-]{0,25}["']?\s*(?:=|:|:=|=>|\?=)\s*["'\x60]?'''   # "name...  =  'value" in most languages/configs
E = r'''(?:[^A-Za-z0-9_\-]|$)'''                              # token end: not followed by more token characters
B = r'''(?:^|[^A-Za-z0-9_\-])'''                              # token start
UUID = r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
rules = []
def r(id, desc, regex, kw, tags=(), entropy=None, group=None, extra=''):
    rules.append((id, desc, regex, kw, tags, entropy, group, extra))
def prefixed(id, desc, token, kw, tags=()):
    r(id, desc, B + '(' + token + ')' + E, kw, tags)
def ctx(id, desc, names, token, kw, tags=(), entropy=None):
    r(id, desc, '(?i)' + names + A + '(' + token + ')' + E, kw, tags, entropy)

# Cloud providers
r('aws-access-token', 'AWS access key id', r'\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b', ['akia','asia','abia','acca'], ['aws'],
  extra='''[[rules.allowlists]]
description = "AWS's documentation keys (AKIAIOSFODNN7EXAMPLE)"
regexes = [\'\'\'EXAMPLE$\'\'\']
''')
ctx('aws-secret-access-key', 'AWS secret access key', r'aws[\w.\-]{0,20}(?:secret|sk)', r'[A-Za-z0-9/+=]{40}', ['aws'], ['aws'], 3.5)
prefixed('aws-bedrock-api-key', 'Amazon Bedrock long-term API key', r'ABSK[A-Za-z0-9+/]{109,269}={0,2}', ['absk'], ['aws'])
r('aws-mws-key', 'Amazon MWS auth token', r'(amzn\.mws\.' + UUID + ')', ['amzn.mws.'], ['aws'])
prefixed('gcp-api-key', 'Google API key', r'AIza[0-9A-Za-z_\-]{35}', ['aiza'], ['gcp'])
r('gcp-service-account', 'Google service account key file', r'''"type"\s*:\s*"(service_account)"[\s\S]{0,4000}?"private_key"''', ['service_account'], ['gcp'])
prefixed('gcp-oauth-client-secret', 'Google OAuth client secret', r'GOCSPX-[A-Za-z0-9_\-]{28}', ['gocspx-'], ['gcp'])
prefixed('gcp-oauth-access-token', 'Google OAuth access token', r'ya29\.[A-Za-z0-9_\-]{30,}', ['ya29.'], ['gcp'])
r('azure-storage-account-key', 'Azure storage account key', r'(?i)AccountKey\s*=\s*([A-Za-z0-9+/]{86}==)', ['accountkey'], ['azure'])
r('azure-shared-access-key', 'Azure Service Bus / Event Hubs shared access key', r'(?i)SharedAccessKey\s*=\s*([A-Za-z0-9+/]{43}=)', ['sharedaccesskey'], ['azure'])
r('azure-sas-token', 'Azure shared access signature', r'(?i)\bsv=\d{4}-\d{2}-\d{2}&[^\s"\'<>]{0,300}?\bsig=([A-Za-z0-9%+/]{40,}(?:=|%3D){0,2})', ['sig='], ['azure'])
r('azure-ad-client-secret', 'Azure AD (Entra) client secret', r'''(?:^|[\s'"\x60=:(,])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.\-]{31,34})''' + E, ['q~'], ['azure'])
ctx('azure-devops-pat', 'Azure DevOps personal access token', r'(?:azure|ado|devops|azdo)[\w.\-]{0,20}(?:pat|token)', r'[a-z2-7]{52}', ['azure','devops','azdo'], ['azure'])
prefixed('alibaba-access-key-id', 'Alibaba Cloud AccessKey id', r'LTAI[A-Za-z0-9]{20}', ['ltai'], ['alibaba'])
ctx('alibaba-secret-key', 'Alibaba Cloud AccessKey secret', r'ali(?:baba|yun|cloud)[\w.\-]{0,20}secret', r'[A-Za-z0-9]{30}', ['alibaba','aliyun','alicloud'], ['alibaba'])
prefixed('digitalocean-token', 'DigitalOcean personal/OAuth/refresh token', r'do[por]_v1_[a-f0-9]{64}', ['dop_v1_','doo_v1_','dor_v1_'], ['digitalocean'])
ctx('heroku-api-key', 'Heroku API key', r'heroku', UUID, ['heroku'], ['heroku'])
prefixed('heroku-api-key-v2', 'Heroku API key (HRKU)', r'HRKU-AA[0-9A-Za-z_\-]{58}', ['hrku-aa'], ['heroku'])
r('flyio-token', 'Fly.io macaroon token', r'(FlyV1 fm\d_[A-Za-z0-9+/=_\-]{100,})', ['flyv1'], ['flyio'])
prefixed('render-api-key', 'Render API key', r'rnd_[A-Za-z0-9]{32}', ['rnd_'], ['render'])
prefixed('netlify-pat', 'Netlify personal access token', r'nfp_[A-Za-z0-9]{36}', ['nfp_'], ['netlify'])
ctx('cloudflare-api-key', 'Cloudflare API token or global key', r'cloudflare', r'[a-f0-9]{37}|[A-Za-z0-9_\-]{40}', ['cloudflare'], ['cloudflare'])
prefixed('cloudflare-origin-ca-key', 'Cloudflare Origin CA key', r'v1\.0-[a-f0-9]{24}-[a-f0-9]{146}', ['v1.0-'], ['cloudflare'])
prefixed('supabase-pat', 'Supabase personal access token', r'sbp_[a-f0-9]{40}', ['sbp_'], ['supabase'])
prefixed('planetscale-token', 'PlanetScale password, token or OAuth secret', r'pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_.\-]{32,64}', ['pscale_pw_','pscale_tkn_','pscale_oauth_'], ['planetscale'])
prefixed('tailscale-key', 'Tailscale auth/API key', r'tskey-(?:api|auth|client|webhook|scim)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{20,}', ['tskey-'], ['tailscale'])
prefixed('openshift-user-token', 'OpenShift user token', r'sha256~[A-Za-z0-9_\-]{43}', ['sha256~'], ['openshift'])
# Source hosting and CI
prefixed('github-pat', 'GitHub personal access token (classic)', r'ghp_[A-Za-z0-9]{36}', ['ghp_'], ['github'])
prefixed('github-oauth', 'GitHub OAuth access token', r'gho_[A-Za-z0-9]{36}', ['gho_'], ['github'])
prefixed('github-app-token', 'GitHub App user-to-server or server-to-server token', r'gh[us]_[A-Za-z0-9]{36}', ['ghu_','ghs_'], ['github'])
prefixed('github-refresh-token', 'GitHub refresh token', r'ghr_[A-Za-z0-9]{36}', ['ghr_'], ['github'])
prefixed('github-fine-grained-pat', 'GitHub fine-grained personal access token', r'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}', ['github_pat_'], ['github'])
prefixed('gitlab-pat', 'GitLab personal access token', r'glpat-[A-Za-z0-9_\-]{20}', ['glpat-'], ['gitlab'])
prefixed('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', r'glptt-[0-9a-f]{40}', ['glptt-'], ['gitlab'])
prefixed('gitlab-runner-token', 'GitLab runner authentication token', r'glrt-[A-Za-z0-9_\-]{20}', ['glrt-'], ['gitlab'])
prefixed('gitlab-deploy-token', 'GitLab deploy token', r'gldt-[A-Za-z0-9_\-]{20}', ['gldt-'], ['gitlab'])
prefixed('gitlab-runner-registration-token', 'GitLab runner registration token', r'GR1348941[A-Za-z0-9_\-]{20}', ['gr1348941'], ['gitlab'])
prefixed('bitbucket-app-password', 'Bitbucket app password / API token', r'ATBB[A-Za-z0-9_=.\-]{32}', ['atbb'], ['bitbucket'])
prefixed('atlassian-api-token', 'Atlassian API token', r'ATATT3[A-Za-z0-9_\-=]{186}', ['atatt3'], ['atlassian'])
prefixed('circleci-pat', 'CircleCI personal API token', r'CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}', ['ccipat_'], ['circleci'])
prefixed('buildkite-token', 'Buildkite agent/user token', r'bk(?:ua|agt)_[a-f0-9]{40}', ['bkua_','bkagt_'], ['buildkite'])
prefixed('jfrog-api-key', 'JFrog Artifactory API key', r'AKCp[A-Za-z0-9]{69}', ['akcp'], ['jfrog'])
prefixed('sonarqube-token', 'SonarQube user/project/analysis token', r'sq[upa]_[a-f0-9]{40}', ['squ_','sqp_','sqa_'], ['sonarqube'])
prefixed('terraform-cloud-token', 'Terraform Cloud / HCP Terraform API token', r'[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}', ['atlasv1'], ['hashicorp'])
prefixed('hashicorp-vault-token', 'HashiCorp Vault service or batch token', r'hv[sb]\.[A-Za-z0-9_\-]{90,300}', ['hvs.','hvb.'], ['hashicorp'])
prefixed('doppler-token', 'Doppler token', r'dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}', ['dp.pt.','dp.st.','dp.sa.','dp.ct.','dp.scim.','dp.audit.'], ['doppler'])
prefixed('pulumi-token', 'Pulumi access token', r'pul-[a-f0-9]{40}', ['pul-'], ['pulumi'])
prefixed('infracost-api-key', 'Infracost API key', r'ico-[A-Za-z0-9]{32}', ['ico-'], ['infracost'])
prefixed('scalingo-token', 'Scalingo API token', r'tk-us-[A-Za-z0-9_\-]{48}', ['tk-us-'], ['scalingo'])
# Package registries
prefixed('npm-access-token', 'npm access token', r'npm_[A-Za-z0-9]{36}', ['npm_'], ['npm'])
prefixed('pypi-upload-token', 'PyPI upload token', r'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}', ['pypi-ageichlwas5vcmc'], ['pypi'])
prefixed('rubygems-api-key', 'RubyGems API key', r'rubygems_[a-f0-9]{48}', ['rubygems_'], ['rubygems'])
prefixed('nuget-api-key', 'NuGet.org API key', r'oy2[a-z0-9]{43}', ['oy2'], ['nuget'])
prefixed('clojars-token', 'Clojars deploy token', r'CLOJARS_[a-z0-9]{60}', ['clojars_'], ['clojars'])
prefixed('dockerhub-pat', 'Docker Hub personal access token', r'dckr_pat_[A-Za-z0-9_\-]{27}', ['dckr_pat_'], ['docker'])
r('docker-config-auth', 'Registry credentials in a Docker config.json', r'''"auth"\s*:\s*"([A-Za-z0-9+/]{16,}={0,2})"''', ['"auth"'], ['docker'], 3.0)
# Messaging and collaboration
prefixed('slack-bot-token', 'Slack bot token', r'xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}', ['xoxb'], ['slack'])
prefixed('slack-user-token', 'Slack user token', r'xox[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}', ['xoxp','xoxe'], ['slack'])
prefixed('slack-app-token', 'Slack app-level token', r'xapp-\d-[A-Z0-9]{9,11}-\d{12,13}-[a-f0-9]{64}', ['xapp'], ['slack'])
r('slack-webhook-url', 'Slack incoming webhook', r'(https://hooks\.slack\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/[A-Za-z0-9]{24})', ['hooks.slack.com'], ['slack'])
r('discord-webhook-url', 'Discord webhook', r'(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_\-]{60,70})', ['discord'], ['discord'])
ctx('discord-bot-token', 'Discord bot token', r'discord', r'[A-Za-z0-9_\-]{24,26}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}', ['discord'], ['discord'])
r('telegram-bot-token', 'Telegram bot token', B + r'([0-9]{8,10}:AA[A-Za-z0-9_\-]{33})' + E, [':aa'], ['telegram'])
r('microsoft-teams-webhook', 'Microsoft Teams incoming webhook', r'(https://[a-z0-9]+\.webhook\.office\.com/webhookb2/' + UUID + '@' + UUID + r'/IncomingWebhook/[a-f0-9]{32}/' + UUID + ')', ['webhook.office.com'], ['microsoft'])
prefixed('linear-api-key', 'Linear API key', r'lin_api_[A-Za-z0-9]{40}', ['lin_api_'], ['linear'])
prefixed('notion-token', 'Notion integration token', r'ntn_[0-9]{11}[A-Za-z0-9]{35}', ['ntn_'], ['notion'])
prefixed('postman-api-key', 'Postman API key', r'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', ['pmak-'], ['postman'])
prefixed('contentful-pat', 'Contentful personal access token', r'CFPAT-[A-Za-z0-9_\-]{43}', ['cfpat-'], ['contentful'])
prefixed('readme-api-token', 'ReadMe API token', r'rdme_[a-z0-9]{70}', ['rdme_'], ['readme'])
prefixed('frameio-token', 'Frame.io API token', r'fio-u-[A-Za-z0-9_=\-]{64}', ['fio-u-'], ['frameio'])
prefixed('adafruit-io-key', 'Adafruit IO key', r'aio_[A-Za-z0-9]{28}', ['aio_'], ['adafruit'])
prefixed('twitter-bearer-token', 'Twitter/X app bearer token', r'A{22}[A-Za-z0-9%]{60,120}', ['aaaaaaaaaaaaaaaaaaaaaa'], ['twitter'])
prefixed('facebook-access-token', 'Facebook/Meta access token', r'EAA[MC][A-Za-z0-9]{100,}', ['eaam','eaac'], ['facebook'])
ctx('dropbox-token', 'Dropbox short-lived access token', r'dropbox', r'sl\.[A-Za-z0-9_\-]{130,152}', ['dropbox'], ['dropbox'])
prefixed('firebase-cloud-messaging-key', 'Firebase Cloud Messaging server key', r'AAAA[A-Za-z0-9_\-]{7}:APA91b[A-Za-z0-9_\-]{134}', ['apa91b'], ['firebase'])
# Payments and commerce
prefixed('stripe-secret-key', 'Stripe secret or restricted key', r'(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}', ['sk_live','sk_test','rk_live','rk_test'], ['stripe'])
prefixed('stripe-webhook-secret', 'Stripe webhook signing secret', r'whsec_[A-Za-z0-9]{32,}', ['whsec_'], ['stripe'])
prefixed('square-access-token', 'Square access token', r'(?:EAAA|sq0atp-)[0-9A-Za-z_\-]{22,60}', ['eaaa','sq0atp-'], ['square'])
prefixed('square-oauth-secret', 'Square OAuth secret', r'sq0csp-[0-9A-Za-z_\-]{43}', ['sq0csp-'], ['square'])
prefixed('shopify-access-token', 'Shopify Admin API access token', r'shpat_[a-fA-F0-9]{32}', ['shpat_'], ['shopify'])
prefixed('shopify-custom-app-token', 'Shopify custom app access token', r'shpca_[a-fA-F0-9]{32}', ['shpca_'], ['shopify'])
prefixed('shopify-private-app-token', 'Shopify private app access token', r'shppa_[a-fA-F0-9]{32}', ['shppa_'], ['shopify'])
prefixed('shopify-shared-secret', 'Shopify shared secret', r'shpss_[a-fA-F0-9]{32}', ['shpss_'], ['shopify'])
r('braintree-access-token', 'PayPal Braintree access token', r'(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})', ['access_token$production'], ['paypal'])
prefixed('plaid-access-token', 'Plaid access token', r'access-(?:sandbox|development|production)-' + UUID, ['access-sandbox','access-development','access-production'], ['plaid'])
prefixed('flutterwave-secret-key', 'Flutterwave secret key', r'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X', ['flwseck'], ['flutterwave'])
prefixed('duffel-api-token', 'Duffel API token', r'duffel_(?:test|live)_[A-Za-z0-9_=\-]{43}', ['duffel_'], ['duffel'])
prefixed('easypost-api-key', 'EasyPost API key', r'EZ[AT]K[A-Za-z0-9]{54}', ['ezak','eztk'], ['easypost'])
prefixed('shippo-api-token', 'Shippo API token', r'shippo_(?:live|test)_[a-f0-9]{40}', ['shippo_'], ['shippo'])
ctx('gocardless-api-token', 'GoCardless access token', r'gocardless', r'live_[A-Za-z0-9_=\-]{40}', ['gocardless'], ['gocardless'])
# Email, SMS and marketing
prefixed('sendgrid-api-key', 'SendGrid API key', r'SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}', ['sg.'], ['sendgrid'])
ctx('mailgun-api-key', 'Mailgun private API key or webhook signing key', r'mailgun', r'key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}', ['mailgun'], ['mailgun'])
prefixed('mailchimp-api-key', 'Mailchimp API key', r'[0-9a-f]{32}-us[0-9]{1,2}', ['-us'], ['mailchimp'])
prefixed('twilio-api-key', 'Twilio API key SID', r'SK[0-9a-fA-F]{32}', ['sk'], ['twilio'])
ctx('twilio-auth-token', 'Twilio auth token', r'twilio[\w.\-]{0,20}(?:auth|token|secret)', r'[0-9a-f]{32}', ['twilio'], ['twilio'])
ctx('postmark-server-token', 'Postmark server token', r'postmark', UUID, ['postmark'], ['postmark'])
# AI providers
prefixed('openai-api-key', 'OpenAI API key', r'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,74}T3BlbkFJ[A-Za-z0-9_\-]{20,74}', ['t3blbkfj'], ['openai'])
prefixed('anthropic-api-key', 'Anthropic API key', r'sk-ant-api03-[A-Za-z0-9_\-]{93}AA', ['sk-ant-api03'], ['anthropic'])
prefixed('anthropic-admin-key', 'Anthropic admin key', r'sk-ant-admin01-[A-Za-z0-9_\-]{93}AA', ['sk-ant-admin01'], ['anthropic'])
prefixed('huggingface-token', 'Hugging Face access token', r'hf_[A-Za-z]{34}', ['hf_'], ['huggingface'])
prefixed('replicate-api-token', 'Replicate API token', r'r8_[A-Za-z0-9]{37}', ['r8_'], ['replicate'])
prefixed('groq-api-key', 'Groq API key', r'gsk_[A-Za-z0-9]{52}', ['gsk_'], ['groq'])
prefixed('perplexity-api-key', 'Perplexity API key', r'pplx-[A-Za-z0-9]{48}', ['pplx-'], ['perplexity'])
prefixed('xai-api-key', 'xAI API key', r'xai-[A-Za-z0-9]{80}', ['xai-'], ['xai'])
prefixed('langsmith-api-key', 'LangSmith API key', r'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}', ['lsv2_'], ['langchain'])
ctx('cohere-api-key', 'Cohere API key', r'co(?:here)?[\w.\-]{0,10}api[\w.\-]{0,10}key', r'[A-Za-z0-9]{40}', ['cohere','co_api_key'], ['cohere'])
# Data, observability
prefixed('databricks-token', 'Databricks personal access token', r'dapi[0-9a-f]{32}(?:-\d)?', ['dapi'], ['databricks'])
prefixed('dynatrace-token', 'Dynatrace API token', r'dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}', ['dt0c01.'], ['dynatrace'])
prefixed('grafana-cloud-token', 'Grafana Cloud API token', r'glc_[A-Za-z0-9+/]{32,400}={0,2}', ['glc_'], ['grafana'])
prefixed('grafana-service-account-token', 'Grafana service account token', r'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', ['glsa_'], ['grafana'])
prefixed('new-relic-user-key', 'New Relic user API key', r'NRAK-[A-Z0-9]{27}', ['nrak-'], ['newrelic'])
prefixed('new-relic-insert-key', 'New Relic insert key', r'NRII-[A-Za-z0-9_\-]{32}', ['nrii-'], ['newrelic'])
prefixed('sentry-org-token', 'Sentry organisation auth token', r'sntrys_eyJ[A-Za-z0-9+/=_\-]{60,}', ['sntrys_'], ['sentry'])
prefixed('sentry-user-token', 'Sentry user auth token', r'sntryu_[a-f0-9]{64}', ['sntryu_'], ['sentry'])
ctx('datadog-api-key', 'Datadog API or application key', r'(?:datadog|dd)[\w.\-]{0,10}(?:api|app(?:lication)?)[\w.\-]{0,10}key', r'[a-f0-9]{32}|[a-f0-9]{40}', ['datadog','dd_api','dd_app','ddapi','ddapp'], ['datadog'])
ctx('algolia-api-key', 'Algolia admin/API key', r'algolia', r'[a-f0-9]{32}', ['algolia'], ['algolia'])
ctx('okta-api-token', 'Okta API token', r'okta', r'00[A-Za-z0-9_\-]{40}', ['okta'], ['okta'])
ctx('snyk-api-token', 'Snyk API token', r'snyk', UUID, ['snyk'], ['snyk'])
ctx('fastly-api-token', 'Fastly API token', r'fastly', r'[A-Za-z0-9_\-]{32}', ['fastly'], ['fastly'])
prefixed('prefect-api-key', 'Prefect API key', r'pnu_[A-Za-z0-9]{36}', ['pnu_'], ['prefect'])
prefixed('mapbox-secret-token', 'Mapbox secret token', r'sk\.eyJ1Ijoi[A-Za-z0-9_\-]{10,80}\.[A-Za-z0-9_\-]{22}', ['sk.eyj1'], ['mapbox'])
r('sidekiq-secret', 'Sidekiq Enterprise credentials', r'''(?i)BUNDLE_(?:ENTERPRISE__CONTRIBSYS__COM|GEMS__CONTRIBSYS__COM)\s*[:=]\s*["']?([a-f0-9]{8}:[a-f0-9]{8})''', ['bundle_enterprise__contribsys__com','bundle_gems__contribsys__com'], ['sidekiq'])
# Keys and generic
r('private-key', 'Private key block (PEM, OpenSSH, PGP)', r'(-----BEGIN[ A-Z0-9_\-]{0,100}PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s:,\-\\]{64,}?-----END[ A-Z0-9_\-]{0,100}PRIVATE KEY(?: BLOCK)?-----)', ['-----begin'], ['key'])
r('putty-private-key', 'PuTTY private key file', r'(PuTTY-User-Key-File-\d: [a-z0-9\-]+\s+Encryption: [a-z0-9\-]+\s+Comment: [^\n]*\s+Public-Lines: \d+)', ['putty-user-key-file'], ['key'])
prefixed('age-secret-key', 'age encryption secret key', r'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', ['age-secret-key-1'], ['key'])
r('jwt', 'JSON Web Token', r'\b(eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,})', ['eyj'], ['jwt'])
r('password-in-url', 'Credentials in a URL (user:password@host)', r'''\b[a-zA-Z][a-zA-Z0-9+.\-]{1,20}://[^\s:/@"'<>]{1,64}:([^\s:/@"'<>$]{6,128})@[a-zA-Z0-9.\-]+''', ['://'], ['url'], 3.0)
r('generic-api-key', 'Generic secret assigned to a key/token/secret/password name',
  r'''(?i)(?:api[_.\-]?key|apikey|secret|token|passw(?:or)?d|pwd|credential|auth[_.\-]?key|access[_.\-]?key|private[_.\-]?key|client[_.\-]?secret)''' + A + r'''([0-9A-Za-z\-_.=+/~]{16,150})(?:["'\x60;,\s]|$)''',
  ['key','secret','token','passw','pwd','credential'], ['generic'], 3.5, None,
  extra=r"""
[[rules.allowlists]]
description = "identifiers, placeholders and references, not values"
regexes = [
  '''^[A-Za-z_.\-]+$''',
  '''^[0-9.\-]+$''',
  '''^(?:[a-z]+\.){2,}[a-z_]+$''',
  '''(?i)^(?:sha(?:1|256|384|512)|md5)[-:]''',
  '''^\$\{''',
  '''[A-Za-z]+(?:\.[A-Za-z]+){2,}''',
  '''^[A-Za-z]+(?:_[A-Za-z]+)+$''',
  '''^(?:/|\./|\.\./|~/)[\w.\-/]+$''',
]
stopwords = ["example", "placeholder", "changeme", "dummy", "sample", "xxxxxx", "your_", "redacted", "fake", "lorem", "abcdef", "123456", "process.env", "os.environ", "getenv"]
""")
rules.append(('pkcs12-file', 'PKCS #12 key store file', None, [], ['key'], None, None, "path = '''(?i)\\.(?:p12|pfx)$'''\n"))

def q(s): return "'''" + s + "'''"
out = ['# Noa default secret rules (Gitleaks v8 config format). Patterns written from each provider\'s documented',
       '# token format; a user config with [extend] useDefault = true builds on this pack.',
       'title = "noa default secret rules"', '',
       '[allowlist]', 'description = "lockfiles, vendored minified bundles and binary-ish assets"',
       "paths = ['''(?i)(?:^|/)(?:package-lock\\.json|yarn\\.lock|pnpm-lock\\.yaml|go\\.sum|Cargo\\.lock|poetry\\.lock|composer\\.lock|Gemfile\\.lock|packages\\.lock\\.json)$''', '''(?i)\\.(?:png|jpe?g|gif|ico|woff2?|ttf|eot|pdf|zip|gz|tgz|jar|class|so|dll|exe|svg|min\\.js|map)$''']",
       '']
for (id, desc, regex, kw, tags, entropy, group, extra) in rules:
    out.append('[[rules]]')
    out.append(f'id = "{id}"')
    out.append(f'description = "{desc}"')
    if regex is not None: out.append('regex = ' + q(regex))
    if entropy: out.append(f'entropy = {entropy}')
    if kw: out.append('keywords = [' + ', '.join('"' + k.replace('"', '\\"') + '"' for k in kw) + ']')
    out.append('tags = [' + ', '.join('"' + t + '"' for t in tags) + ']')
    if extra: out.append(extra.strip('\n'))
    out.append('')
open(__import__('os').path.join(__import__('os').path.dirname(__file__), '..', 'src/Noa.Safety.Secrets/Resources/default-rules.toml'), 'w').write('\n'.join(out))
print(len(rules), 'rules')
