//go:build !unix

package article

import "time"

func processCPU() time.Duration { return 0 }

const haveProcessCPU = false
