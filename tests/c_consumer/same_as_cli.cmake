# Run the C consumer and the CLI on one scheme and fail unless they print the same bytes.
# -D: CONSUMER, CLI, SCHEME, OPTIONS (JSON for the consumer), CLI_OPTIONS (a list), OUT.
execute_process(COMMAND ${CONSUMER} ${SCHEME} ${OPTIONS} OUTPUT_FILE ${OUT}.consumer.json
  RESULT_VARIABLE consumer_status)
execute_process(COMMAND ${CLI} match ${SCHEME} --format json ${CLI_OPTIONS}
  OUTPUT_FILE ${OUT}.cli.json RESULT_VARIABLE cli_status)
if(NOT consumer_status EQUAL 0 OR NOT cli_status EQUAL 0)
  message(FATAL_ERROR "consumer exited ${consumer_status}, CLI ${cli_status}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}.consumer.json ${OUT}.cli.json
  RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "the C consumer's report differs from the CLI's: ${OUT}.consumer.json, ${OUT}.cli.json")
endif()
