/// <reference lib="webworker" />
/**
 * Figure 12b's "watch it learn" worker: a small code transformer trained from random numbers on
 * the shipped excerpt, on the worker loop. The worker reads the excerpt itself (a synchronous
 * request is allowed in a worker and keeps the loop's reset synchronous), so the page never holds it.
 */
import { fetchBytesSync } from '$lib/data/fetch-bytes';
import { CodeLearnTrainer } from '$lib/models/code/code-learn-trainer';
import { serve } from './loop';

serve(new CodeLearnTrainer((url) => fetchBytesSync(url, 'the training text (code-learn.txt)')));
