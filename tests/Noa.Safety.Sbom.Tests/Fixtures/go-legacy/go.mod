module legacy

go 1.16

require github.com/mmcloughlin/avo v0.2.0
