/* placeholder: validate module in progress */
