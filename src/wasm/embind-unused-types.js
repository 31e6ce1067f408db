// Embind registers every built-in type when the module starts (libembind's
// __embind_register_native_and_builtin_types), and the glue carries each one's converters. The
// module's bindings (bindings.cpp) pass only void, bool, integers, double and std::string: the
// registrations of wide strings, emscripten::val and memory views do nothing here, so their
// converters stay out of the script a page loads. Binding a function that takes one of them
// would fail at startup with Embind's "unbound types" error, never silently.
mergeInto(LibraryManager.library, {
  _embind_register_std_wstring__deps: [],
  _embind_register_std_wstring: function() {},
  _embind_register_emval__deps: [],
  _embind_register_emval: function() {},
  _embind_register_memory_view__deps: [],
  _embind_register_memory_view: function() {},
});
