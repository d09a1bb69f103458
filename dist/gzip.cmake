# SPDX-License-Identifier: Apache-2.0
# zklive_gzip(SOURCE OUTPUT): a build rule that makes OUTPUT, SOURCE compressed with gzip -9n.
# -n leaves out the name and time stamp, so the same text always makes the same bytes.
find_program(GZIP_PROGRAM gzip REQUIRED)
function(zklive_gzip source output)
  get_filename_component(directory ${output} DIRECTORY)
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${directory}
    # Through a temporary file: a failed gzip must not leave a truncated OUTPUT behind.
    COMMAND sh -c "\"$0\" -9nc \"$1\" >\"$2.tmp\" && mv \"$2.tmp\" \"$2\""
      ${GZIP_PROGRAM} ${source} ${output}
    DEPENDS ${source} VERBATIM)
endfunction()
