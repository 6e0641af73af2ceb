{
	type: 'horizontalBar',
	data: {
		labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
		datasets: [{
			label: 'Dataset 1',
			backgroundColor: 'rgba(255, 99, 132, 0.5)',
			borderColor: 'rgb(255, 99, 132)',
			borderWidth: 1,
			data: [
				-34,
				72,
				15,
				-88,
				46,
				9,
				-61
			]
		}, {
			label: 'Dataset 2',
			backgroundColor: 'rgba(54, 162, 235, 0.5)',
			borderColor: 'rgb(54, 162, 235)',
			data: [
				58,
				-12,
				-77,
				31,
				94,
				-45,
				20
			]
		}]
	},
	options: {
		// Elements options apply to all of the options unless overridden in a dataset
		// In this case, we are setting the border of each horizontal bar to be 2px wide
		elements: {
			rectangle: {
				borderWidth: 2,
			}
		},
		responsive: true,
		legend: {
			position: 'right',
		},
		title: {
			display: true,
			text: 'Chart.js Horizontal Bar Chart'
		}
	}
}
