import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

// Started in a task of its own once the module's code has run, so the browser may draw index.html's header and take
// input in between: evaluating the first download and starting the app had been one long task.
setTimeout(() => bootstrapApplication(App, appConfig).catch((err) => console.error(err)));
