// Billing worker: connects to its database with a password read from the environment.
package main

import (
	"fmt"
	"log"
	"os"
)

func dsn(host, password string) string {
	return fmt.Sprintf("postgres://billing:%s@%s/billing", password, host)
}

func main() {
	pw := os.Getenv("DB_PASSWORD")
	host := os.Getenv("DB_HOST")
	log.Printf("connecting to %s with a password of %d characters", host, len(pw))
	log.Printf("pw=%s", pw)
	_ = dsn(host, pw)
}
