// libcurl, loaded when Foundation's networking first calls it (see curl-on-demand.c).
// Nothing here is for Swift to call: the target exists for the definitions it links.
#ifndef CALLBOOK_CURL_ON_DEMAND_H
#define CALLBOOK_CURL_ON_DEMAND_H
#endif
