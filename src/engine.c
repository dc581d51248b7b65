/* placeholder: engine in progress */
