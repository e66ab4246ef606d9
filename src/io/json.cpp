// placeholder: replaced by the JSON loader
