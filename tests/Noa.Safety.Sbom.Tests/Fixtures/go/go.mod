module example.com/app

go 1.22

require (
	github.com/gin-gonic/gin v1.9.1
	golang.org/x/net v0.20.0 // indirect
	github.com/old/thing v1.0.0
	github.com/local/mod v0.0.0
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

require github.com/Masterminds/semver/v3 v3.2.1+incompatible

replace github.com/old/thing => github.com/new/thing v1.1.0

replace github.com/local/mod => ../mod
