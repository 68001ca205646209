# Included by CMake after every project() call (-DCMAKE_PROJECT_INCLUDE, see the Makefile).
# llama-cpp-python forces LLAMA_BUILD_COMMON=ON in its cache; this normal variable shadows it
# inside llama.cpp, so its `common` library (argument parsing, downloads, chat templates for the
# llama.cpp tools) and cpp-httplib are not built. The Python package never loads them.
set(LLAMA_BUILD_COMMON OFF)
