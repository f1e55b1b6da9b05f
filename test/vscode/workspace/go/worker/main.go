// Queue worker: fixed by fix-all when the file is saved (editor.codeActionsOnSave).
package main

import (
	"log"
	"os"
)

func main() {
	token := os.Getenv("QUEUE_TOKEN")
	log.Println("token", token)
	log.Printf("token has %d characters", len(token))
}
