// Preloaded into every task process (node --import): when the emulator that spawned the task
// goes away, even by SIGKILL, the IPC channel closes and the task exits, so no task outlives it.
if (process.channel) {
  process.channel.unref();
  process.on("disconnect", () => process.exit(137));
}
