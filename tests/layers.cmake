# Checks that the layer boundaries of ../shared/DESIGN.md §2 hold in the build: compiling a file
# in each layer's include tree, a header of a layer below must be found and a header of a layer
# above must not. Run by ctest with -DCXX=… -DLAYERS=build/layers -DWORK=dir.
set(cases
  # layer  header that must be visible      header that must not be
  "domain|domain/contact.h|policy/policy.h"
  "domain|domain/time.h|store/database.h"
  "synth|domain/contact.h|store/database.h"
  "match|domain/person.h|store/database.h"
  "match|domain/time.h|policy/policy.h"
  "policy|domain/codes.h|store/database.h"
  "policy|domain/user.h|app/hub.h"
  "store|domain/contact.h|audit/audit.h"
  "store|store/database.h|app/hub.h"
  "audit|store/audit_log.h|app/hub.h"
  "audit|domain/time.h|policy/policy.h"
  "mail|mail/smtp.h|domain/time.h"
  "app|mail/smtp.h|web/server.h"
  "app|audit/audit.h|web/server.h"
  "web|app/hub.h|store/database.h"
  "web|policy/policy.h|audit/audit.h")
file(MAKE_DIRECTORY ${WORK})
set(failures 0)
foreach(case IN LISTS cases)
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 layer)
  list(GET parts 1 allowed)
  list(GET parts 2 forbidden)
  foreach(header IN ITEMS ${allowed} ${forbidden})
    file(WRITE ${WORK}/probe.cpp "#include \"${header}\"\n")
    execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -I${LAYERS}/${layer} ${WORK}/probe.cpp
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(header STREQUAL allowed AND NOT rc EQUAL 0)
      message(SEND_ERROR "layer ${layer} cannot include ${header}, which is below it")
      math(EXPR failures "${failures} + 1")
    elseif(header STREQUAL forbidden AND rc EQUAL 0)
      message(SEND_ERROR "layer ${layer} can include ${header}, which is above it")
      math(EXPR failures "${failures} + 1")
    endif()
  endforeach()
endforeach()
list(LENGTH cases n)
message(STATUS "${n} layer boundaries checked, ${failures} broken")
