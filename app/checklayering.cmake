# SPDX-License-Identifier: MIT
# Run at build time by allium_enforce_layering() (CMakeLists.txt):
#   cmake -DTARGET=<name> -DFORBIDDEN=<layer|layer> -DSOURCES=<file|file> -DSTAMP=<file> -P …
# Fails when a source includes a header of a layer its target must not know, e.g. a widget
# including "emulator/…". Includes name their layer, so the first path component is the layer.
cmake_minimum_required(VERSION 3.22)
string(REPLACE "|" ";" FORBIDDEN "${FORBIDDEN}")
string(REPLACE "|" ";" SOURCES "${SOURCES}")
foreach(source IN LISTS SOURCES)
    file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[^\"]+\"")
    foreach(line IN LISTS includes)
        string(REGEX REPLACE "^[^\"]*\"([^\"/]+)/.*$" "\\1" layer "${line}")
        if(layer IN_LIST FORBIDDEN)
            string(STRIP "${line}" line)
            message(FATAL_ERROR "${source}: ${line}\n"
                "${TARGET} must not depend on the ${layer} layer (CONTRIBUTING.md, \"Layers\")")
        endif()
    endforeach()
endforeach()
file(TOUCH "${STAMP}")
